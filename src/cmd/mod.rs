//! The commands: extract, validate, diff.
