//! The commands, one module each: argument values in, work done, a summary or findings out.

pub mod diff;
pub mod extract;
pub mod grammars;
pub mod manual;
pub mod merge;
pub mod order;
pub mod pipeline;
pub mod report;
pub mod validate;
