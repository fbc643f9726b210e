//! Search history: recent queries, most recent last, each once.

use super::error::StoreWarning;
use super::record::HistoryFile;
use super::StoreError;
use super::{Store, HISTORY_FILE};

/// How many queries are kept; the oldest go first.
pub const HISTORY_CAP: usize = 200;

const SAVE_HISTORY: &str = "save search history";
const READ_HISTORY: &str = "read search history";

impl Store {
    /// Recent queries, oldest first. A problem reading them is queued as a warning
    /// (`take_warnings`) and gives an empty history: search works without it.
    pub fn history(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        let read = self.read::<HistoryFile>(HISTORY_FILE, READ_HISTORY, self.now(), &mut warnings);
        let queries = match read {
            Ok((file, _lock)) => file.queries,
            Err(e) => {
                warnings.push(StoreWarning::Failed(e));
                Vec::new()
            }
        };
        self.queue(warnings);
        queries
    }

    /// Records a query as the most recent one. Blank queries are not recorded; a query
    /// already in the history moves to the end instead of appearing twice.
    pub fn push_history(&self, query: &str) -> Result<(), StoreError> {
        if query.trim().is_empty() {
            return Ok(());
        }
        self.update(HISTORY_FILE, SAVE_HISTORY, |file: &mut HistoryFile| {
            if file.queries.last().is_some_and(|q| q == query) {
                return ((), false);
            }
            file.queries.retain(|q| q != query);
            file.queries.push(query.to_string());
            let excess = file.queries.len().saturating_sub(HISTORY_CAP);
            file.queries.drain(..excess);
            ((), true)
        })
    }
}
