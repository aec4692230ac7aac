//! The commands, one module each: argument values in, work done, a summary or findings out.

pub mod extract;
pub mod manual;
pub mod report;
pub mod validate;
