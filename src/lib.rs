//! sidenote: a terminal reader for dispatches with numbered notes.
//!
//! `document` and `layout` are UI-free; `app` holds state and the only `update`;
//! `ui` draws state with ratatui; `terminal` owns the terminal's modes.

// Nothing that came from a file, a terminal or the user may panic the reader.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod app;
pub mod check;
pub mod cli;
pub mod config;
pub mod document;
pub mod dump;
pub mod events;
pub mod fetch;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod memory;
pub mod osc;
pub mod perform;
pub mod priority;
pub mod search;
pub mod shell;
pub mod signals;
pub mod store;
pub mod terminal;
pub mod ui;
pub mod watch;
