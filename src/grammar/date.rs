//! Dated events: day, month and year dates and ranges, in every language of grammars/.
