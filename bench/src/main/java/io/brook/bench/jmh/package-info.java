/**
 * JMH microbenchmarks of the engine's parts, run in-process against the modules themselves (unlike
 * the rest of bench, which measures a running broker through kafka-clients). Run them with
 * {@code bin/bench jmh [JMH options]}, always with {@code -prof gc}: the data plane's promise is
 * that it allocates nothing per record, and {@code gc.alloc.rate.norm} is where that shows. The
 * build compiles them (JMH's annotation processor writes the stubs and META-INF/BenchmarkList) but
 * never runs them. Results and the command that produced them go in docs/benchmarks.md.
 */
package io.brook.bench.jmh;
