//! The `dualdraw` command: a thin shell over the library.

/// The command's allocator: mimalloc 2. The import, the announcement's
/// simulated draws and the streamed passes allocate on one thread and free on
/// another (`par::drop_elsewhere`), where glibc's malloc spent about 13 % of
/// the import's main thread consolidating (`docs/BENCHMARKS.md`, 2026-12-06).
/// mimalloc 3 made the public verification slower than glibc did, version 2
/// much less so. The library leaves the choice to whoever embeds it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    dualdraw::cli::run()
}
