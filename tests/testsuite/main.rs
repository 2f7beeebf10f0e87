//! Integration tests: build small sites with the real pipeline and check the HTML a
//! reader gets.

mod anchors;
mod annotations;
mod autolink;
mod bad;
mod bundled;
mod citations;
mod corrections;
mod escaping;
mod feeds;
mod footnotes;
mod graph;
mod hostile;
mod images;
mod in_place;
mod incremental;
mod languages;
mod output;
mod pages;
mod pathological;
mod property;
mod reader;
mod rebuilds;
mod search;
mod serve;
mod snapshots;
mod support;
mod tags;
mod templates;
