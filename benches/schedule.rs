//! Scheduling benchmarks (work in progress).
fn main() {}
