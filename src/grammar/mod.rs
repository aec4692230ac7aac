//! The nom parsers, one module per structure. They read language data from [`crate::lexicon`]
//! and never touch files; positions are byte offsets into the text they are given.

pub mod date;
pub mod reference;
