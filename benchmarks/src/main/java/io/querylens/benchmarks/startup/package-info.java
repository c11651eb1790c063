/** Start-up time and peak memory with and without agents (#11). */
package io.querylens.benchmarks.startup;
