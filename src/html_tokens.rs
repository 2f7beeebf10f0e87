//! HTML5 tokenizing for reading gloss's own output (the links and ids verify checks,
//! the text content the annotation export counts in): html5gum's tokenizer without its
//! check of every character for parse errors, which nobody reads here and which cost
//! a twentieth of a build.

use html5gum::{Emitter, ForwardingEmitter, Tokenizer};

/// `emitter`, telling the tokenizer that parse errors are not wanted.
pub(crate) struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// A tokenizer of `html` that reports tokens to `emitter` and no parse errors.
pub(crate) fn tokenizer<E: Emitter>(html: &str, emitter: E) -> Tokenizer<html5gum::StringReader<'_>, Quiet<E>> {
    Tokenizer::new_with_emitter(html, Quiet(emitter))
}
