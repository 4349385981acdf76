//! The `dualdraw` command: a thin shell over the library.
fn main() -> std::process::ExitCode {
    dualdraw::cli::run()
}
