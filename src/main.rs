//! The councildata binary: parses arguments, dispatches to a command, maps errors to exit codes.

fn main() {}
