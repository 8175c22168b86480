// A generator of labelled near-duplicate corpora, for tests and benchmarks
// that must not depend on files outside the repository.
//
// Base documents are made of pseudo-words drawn from Zipf-distributed
// vocabularies in several scripts (Latin, Cyrillic, Greek, Arabic,
// Devanagari, and Han and Thai, written without spaces), wrapped in the
// boilerplate of synthetic sites. Some get copies, made by controlled edits;
// some quote a paragraph of an unrelated earlier document (hard negatives).
// The same options give the same corpus, byte for byte, on every platform.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace doppel {

struct SynthOptions {
  uint64_t documents = 1000;  // documents written, copies included
  uint64_t seed = 1;
  double dup_rate = 0.2;  // share of base documents that get copies
  int min_copies = 1;
  int max_copies = 4;
  int median_words = 250;         // of a base document's own text
  double boilerplate_rate = 0.5;  // share of bases wrapped in a site's boilerplate
  int sites = 40;
  double quote_rate = 0.03;  // share of bases quoting a paragraph of another
  // Share of base documents in a script other than Latin, spread evenly
  // over Cyrillic, Greek, Arabic, Devanagari, Han and Thai.
  double non_latin_rate = 0.3;
};

// One generated document and its label. Documents sharing `cluster` were
// derived from one base document.
struct SynthDocument {
  std::string id;  // "syn" + 8-digit position
  std::string text;
  uint64_t cluster = 0;
  std::string role;              // "base" or "copy"
  std::string source;            // the document a copy was made from
  std::string script;            // "latin", "cyrillic", ...
  std::vector<std::string> ops;  // edits: exact, truncate, reorder, substitute,
                                 // typo, delete, insert, contain, boilerplate,
                                 // typography, whitespace; quote for negatives
};

// Generates the corpus, in shuffled order. Deterministic for `options`.
std::vector<SynthDocument> GenerateCorpus(const SynthOptions& options);

}  // namespace doppel
