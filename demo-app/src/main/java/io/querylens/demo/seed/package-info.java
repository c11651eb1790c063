/** The demo's sample data, inserted at startup when missing. */
package io.querylens.demo.seed;
