//! The table schemas: loads schemas/v1, builds the Arrow schema and CSV headers.
