//! Output sinks: CSV and Parquet writers behind one small trait, and the data package.
