//! Documents' rows on their way to the tables: written by the worker whose turn it is, or, when
//! more workers extract them than one writer keeps up with, by a thread per table, each sent
//! the documents in chunks, in input order.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use super::{DatasetWriter, Layout, TableSinks, finish_layout};
use crate::error::Error;
use crate::model::Extraction;

/// Documents sent to the table threads at once: one wake-up of each per chunk.
const CHUNK_DOCS: usize = 32;
/// Chunks a table thread may have waiting besides the one it writes.
const WAITING_CHUNKS: usize = 2;

type Chunk = Arc<Vec<Extraction>>;

/// Where documents' rows are written.
pub enum DocumentWriter {
    /// On the calling thread, document by document.
    Here(DatasetWriter),
    /// On a thread per table.
    Threads(TableThreads),
}

/// Every table written on a thread of its own.
pub struct TableThreads {
    lanes: Vec<Lane>,
    chunk: Vec<Extraction>,
    dir: PathBuf,
    layout: Layout,
}

/// One table's thread, and the way to its chunks.
struct Lane {
    to: SyncSender<Chunk>,
    thread: JoinHandle<Result<(), Error>>,
}

impl DatasetWriter {
    /// Writes documents here, or with `threads` on a thread per table.
    pub fn for_documents(self, threads: bool) -> DocumentWriter {
        if !threads {
            return DocumentWriter::Here(self);
        }
        let lanes = self
            .tables
            .into_iter()
            .map(|table| {
                let (to, chunks) = sync_channel(WAITING_CHUNKS);
                Lane { to, thread: std::thread::spawn(move || write_chunks(table, chunks)) }
            })
            .collect();
        DocumentWriter::Threads(TableThreads {
            lanes,
            chunk: Vec::with_capacity(CHUNK_DOCS),
            dir: self.dir,
            layout: self.layout,
        })
    }
}

/// A table's thread: its rows of every document in each chunk, then its files closed.
fn write_chunks(mut table: TableSinks, chunks: Receiver<Chunk>) -> Result<(), Error> {
    for chunk in chunks {
        chunk.iter().try_for_each(|x| table.write(x))?;
    }
    table.finish()
}

impl DocumentWriter {
    /// Writes one document's rows to every table, after those of the documents before it.
    pub fn write(&mut self, x: Extraction) -> Result<(), Error> {
        match self {
            DocumentWriter::Here(writer) => writer.write(&x),
            DocumentWriter::Threads(threads) => {
                threads.chunk.push(x);
                if threads.chunk.len() == CHUNK_DOCS { threads.send() } else { Ok(()) }
            }
        }
    }

    /// Closes every table and finishes the layout.
    pub fn finish(self) -> Result<(), Error> {
        match self {
            DocumentWriter::Here(writer) => writer.finish(),
            DocumentWriter::Threads(mut threads) => {
                if !threads.chunk.is_empty() {
                    threads.send()?;
                }
                threads.join()?;
                finish_layout(&threads.dir, threads.layout)
            }
        }
    }
}

impl TableThreads {
    fn send(&mut self) -> Result<(), Error> {
        let chunk = Arc::new(std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK_DOCS)));
        if self.lanes.iter().all(|lane| lane.to.send(Arc::clone(&chunk)).is_ok()) {
            return Ok(());
        }
        // A table's thread stopped on an error: the others close, and its error is the run's.
        self.join()?;
        Err(Error::output(&self.dir, "a table's writer stopped before its last rows"))
    }

    /// Closes every lane's way in: the threads, which end once they have written what they
    /// were sent.
    fn close(&mut self) -> Vec<JoinHandle<Result<(), Error>>> {
        self.lanes.drain(..).map(|lane| lane.thread).collect()
    }

    /// Closes every lane and waits for its thread: the first error, or a table thread's panic
    /// passed on.
    fn join(&mut self) -> Result<(), Error> {
        let mut first = Ok(());
        for thread in self.close() {
            let result = thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            if first.is_ok() {
                first = result;
            }
        }
        first
    }
}

/// Left unfinished, on another error of the run: every table closes, and its thread is waited
/// for, so none writes into a dataset being removed.
impl Drop for TableThreads {
    fn drop(&mut self) {
        for thread in self.close() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::model::{DocId, DocKind, Document, Paragraph};
    use crate::schema::{Cell, Table};
    use crate::sink::TableSink;

    /// What a sink was given: the doc_id of each row, then `finished`.
    type Log = Arc<Mutex<Vec<String>>>;

    /// A sink that logs rows, and fails or panics at a given row; it also names itself in a
    /// log of closings that every sink shares.
    struct Recorder {
        name: String,
        log: Log,
        closings: Log,
        fail_at: Option<usize>,
        panic_at: Option<usize>,
    }

    impl TableSink for Recorder {
        fn append(&mut self, cells: &[Cell]) -> Result<(), Error> {
            let mut log = self.log.lock().unwrap();
            if self.fail_at == Some(log.len()) {
                return Err(Error::output("t.csv", "no space left on device"));
            }
            assert_ne!(self.panic_at, Some(log.len()), "a sink panicked");
            log.push(cells[0].to_text());
            Ok(())
        }

        fn finish(self: Box<Self>) -> Result<(), Error> {
            self.log.lock().unwrap().push("finished".into());
            self.closings.lock().unwrap().push(self.name);
            Ok(())
        }
    }

    /// A writer whose every sink logs, and the log of their closings; the paragraphs' CSV sink
    /// may fail or panic.
    fn recording_writer(fail_at: Option<usize>, panic_at: Option<usize>) -> (DatasetWriter, Vec<Log>, Log) {
        let mut logs = Vec::new();
        let closings = Log::default();
        let mut sink = |table: Table, format: &str| -> Box<dyn TableSink + Send> {
            let log = Log::default();
            logs.push(Arc::clone(&log));
            let paragraphs_csv = table == Table::Paragraphs && format == "csv";
            Box::new(Recorder {
                name: format!("{}.{format}", table.name()),
                log,
                closings: Arc::clone(&closings),
                fail_at: fail_at.filter(|_| paragraphs_csv),
                panic_at: panic_at.filter(|_| paragraphs_csv),
            })
        };
        let tables = Table::ALL
            .into_iter()
            .map(|table| TableSinks { table, csv: sink(table, "csv"), parquet: sink(table, "parquet") })
            .collect();
        let layout = Layout::Part { index: 1, count: 1 };
        (DatasetWriter { dir: PathBuf::new(), layout, tables }, logs, closings)
    }

    /// Document `i`, with two paragraphs.
    fn extraction(i: usize) -> Extraction {
        let doc_id: DocId = format!("file:{i}").into();
        let paragraph = |number| Paragraph {
            doc_id: doc_id.clone(),
            number,
            sub: None,
            section: None,
            text: String::new(),
            line: number,
            line_end: number,
            byte_start: 0,
            byte_end: 0,
        };
        Extraction {
            paragraphs: vec![paragraph(1), paragraph(2)],
            document: Document {
                doc_id: doc_id.clone(),
                source_path: format!("{i}.txt"),
                source_sha256: String::new(),
                language: "da".into(),
                kind: DocKind::Other,
                council_ref: None,
                register_id: None,
                title: None,
                byte_len: 0,
                line_count: 0,
                page_count: 0,
                furniture_lines: 0,
            },
            note_header: None,
            operative_clauses: Vec::new(),
            recitals: Vec::new(),
            footnotes: Vec::new(),
            references: Vec::new(),
            dated_events: Vec::new(),
        }
    }

    /// Writes documents 0..count, here or on table threads; the first error.
    fn write_documents(writer: DatasetWriter, threads: bool, count: usize) -> Result<(), Error> {
        let mut documents = writer.for_documents(threads);
        (0..count).try_for_each(|i| documents.write(extraction(i)))?;
        documents.finish()
    }

    #[test]
    fn every_table_gets_its_rows_in_input_order_either_way() {
        // Two full chunks and part of a third.
        let count = 2 * CHUNK_DOCS + 5;
        let ids = |per_doc| (0..count).flat_map(move |i| vec![format!("file:{i}"); per_doc]);
        for threads in [false, true] {
            let (writer, logs, _) = recording_writer(None, None);
            write_documents(writer, threads, count).unwrap();
            for (sink, log) in logs.iter().enumerate() {
                let rows_per_doc = match Table::ALL[sink / 2] {
                    Table::Documents => 1,
                    Table::Paragraphs => 2,
                    _ => 0,
                };
                let expected: Vec<String> = ids(rows_per_doc).chain(["finished".into()]).collect();
                assert_eq!(*log.lock().unwrap(), expected, "sink {sink}, threads: {threads}");
            }
        }
    }

    #[test]
    fn every_csv_file_is_closed_before_the_first_parquet_file_when_written_here() {
        let (writer, _, closings) = recording_writer(None, None);
        write_documents(writer, false, 3).unwrap();
        let closings = closings.lock().unwrap();
        let expected: Vec<String> = ["csv", "parquet"]
            .iter()
            .flat_map(|format| Table::ALL.iter().map(move |t| format!("{}.{format}", t.name())))
            .collect();
        assert_eq!(*closings, expected);
    }

    #[test]
    fn a_failing_table_stops_the_run_with_its_error() {
        for threads in [false, true] {
            let (writer, logs, _) = recording_writer(Some(40), None);
            let e = write_documents(writer, threads, 10 * CHUNK_DOCS).unwrap_err();
            assert!(e.to_string().contains("no space left on device"), "{e}");
            // The failing sink wrote the rows before the failure and was not closed.
            let paragraphs_csv = logs[2 * 2].lock().unwrap();
            assert_eq!(paragraphs_csv.len(), 40, "threads: {threads}");
        }
    }

    #[test]
    #[should_panic(expected = "a sink panicked")]
    fn a_table_thread_panic_reaches_the_writer() {
        let (writer, _, _) = recording_writer(None, Some(3));
        let _ = write_documents(writer, true, 3 * CHUNK_DOCS);
    }
}
