// Reads documents from text files and JSON Lines files, in a fixed order.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "doppel/input.h"
#include "doppel/status.h"
#include "io/line_reader.h"

namespace doppel::io {

enum class InputFormat { kText, kJsonl };

// One file to read, after directories have been expanded.
struct InputFile {
  std::string path;     // where to open it
  std::string name;     // how messages name it (the path as the user gave it)
  std::string text_id;  // for a text file: its document id
  InputFormat format = InputFormat::kText;
  uint64_t size_bytes = 0;  // on disk
  bool compressed = false;  // gzip or zstd
};

// Expands command-line inputs into files: a directory gives every regular
// file under it (recursively, sorted by path, hidden entries skipped), with
// ids relative to it; "-" stands for `stdin_copy`, a JSONL file that the
// caller fills from standard input afterwards (it is not checked here). A name ending in .jsonl,
// .ndjson or .json (optionally followed by .gz, .zst or .zstd) is JSON Lines; anything else is a
// text file. Every file is checked to be readable; the first that is not is an error naming it.
Result<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& args,
                                            const std::string& stdin_copy);

struct ReaderOptions {
  InputOptions input;
  // Parse JSON lines (pass 1). When false, a JSONL document's `raw` holds its
  // line and only text files are read whole (the pass that copies outputs).
  bool parse = true;
  // Also keep a parsed JSONL document's line in `raw`.
  bool keep_raw = false;
};

// One input document, or the record of one that could not be read.
struct Document {
  std::string id;
  std::string text;
  std::string raw;     // the JSON line, when ReaderOptions::parse is false
  std::string reject;  // why the document is rejected; empty when it is fine
  uint32_t file = 0;   // index into the input files
  uint64_t line = 0;   // 1-based line of a JSONL document; 0 for a text file
  uint64_t bytes = 0;  // size of the document's source bytes
  // A JSONL document's `raw` line as bytes [raw_begin, raw_end) of its
  // (decompressed) file: the line less a leading byte order mark and a
  // trailing "\r". raw_newline: a "\n" follows raw_end there (the line was
  // ended by one, not by "\r\n" or the end of the file).
  uint64_t raw_begin = 0;
  uint64_t raw_end = 0;
  bool raw_newline = false;
};

// Where a document came from: "file:line", or "file" for a text file.
std::string DocumentLocation(const std::vector<InputFile>& files, const Document& doc);
// The same for a document known by its file index and line.
std::string DocumentLocation(const std::vector<InputFile>& files, uint32_t file, uint64_t line);

// Reads the documents of `files` in order. Blank JSONL lines hold no document
// and are counted, not returned. Not thread-safe.
class DocumentReader {
 public:
  DocumentReader(const std::vector<InputFile>& files, ReaderOptions options);

  // Fills *doc with the next document; false at the end. Errors are I/O
  // failures only: bad documents come back with `reject` set.
  Result<bool> Next(Document* doc);

  uint64_t blank_lines() const { return blank_lines_; }
  // Bytes of input consumed so far (compressed bytes are counted decompressed).
  uint64_t bytes_read() const { return bytes_done_ + (lines_ ? lines_->bytes_read() : 0); }
  // Each input file's bytes (decompressed), for the files read to their end.
  const std::vector<uint64_t>& file_bytes() const { return file_bytes_; }

 private:
  Status ReadTextFile(const InputFile& file, Document* doc);

  const std::vector<InputFile>& files_;
  ReaderOptions options_;
  size_t next_file_ = 0;
  std::unique_ptr<LineReader> lines_;
  std::string line_;
  uint64_t blank_lines_ = 0;
  uint64_t bytes_done_ = 0;
  std::vector<uint64_t> file_bytes_;
};

// Reads `files` a second time, calling on_document(index, doc) for each
// document in order. Errors: I/O failures, on_document's, and a document
// count other than `expected` (an input changed between the two passes).
Status RereadDocuments(const std::vector<InputFile>& files, const ReaderOptions& options,
                       size_t expected,
                       const std::function<Status(size_t index, Document& doc)>& on_document);

// Fills doc's id, text and reject from a JSON line of `file` (doc->line set):
// what DocumentReader does in parse mode, for callers that read raw lines
// and parse them elsewhere (in parallel). May add capacity to *line.
// Thread-safe: each thread uses a parser of its own. With `text_view` set,
// the text is not copied into doc->text: *text_view sees it in this
// thread's parser, valid until the thread parses again.
void ParseJsonDocument(const InputFile& file, const ReaderOptions& options, std::string* line,
                       Document* doc, std::string_view* text_view = nullptr);

// The byte offset of the first invalid UTF-8 sequence in `bytes`, or -1.
int64_t FindInvalidUtf8(std::string_view bytes);

}  // namespace doppel::io
