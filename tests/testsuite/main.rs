//! Integration tests: build small sites with the real pipeline and check the HTML a
//! reader gets.

mod anchors;
mod autolink;
mod bad;
mod bundled;
mod escaping;
mod output;
mod pages;
mod pathological;
mod support;
mod templates;
