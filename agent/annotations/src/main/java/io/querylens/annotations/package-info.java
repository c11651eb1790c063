/**
 * Annotations that applications compile against to steer the QueryLens agent.
 *
 * <p>This artifact has no dependencies and no behaviour of its own: the agent recognises the annotations by name
 * when it is attached, and without the agent they are inert metadata.
 */
package io.querylens.annotations;
