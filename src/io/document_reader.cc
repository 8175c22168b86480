#include "io/document_reader.h"

#include <simdjson.h>

#include <string_view>

#include "text/char_class.h"

namespace doppel::io {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

void StripBom(std::string* s) {
  if (s->compare(0, kBom.size(), kBom) == 0) s->erase(0, kBom.size());
}

std::string TypeName(simdjson::dom::element_type t) {
  switch (t) {
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      return "a number";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::BOOL:
      return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
  }
  return "unknown";
}

}  // namespace

int64_t FindInvalidUtf8(std::string_view bytes) {
  const auto* base = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* end = base + bytes.size();
  const unsigned char* p = base;
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    uint32_t cp = 0;
    int n = text::DecodeUtf8(p, end, &cp);
    if (cp == 0xFFFD && n == 1) return p - base;
    p += n;
  }
  return -1;
}

std::string DocumentLocation(const std::vector<InputFile>& files, const Document& doc) {
  return DocumentLocation(files, doc.file, doc.line);
}

std::string DocumentLocation(const std::vector<InputFile>& files, uint32_t file, uint64_t line) {
  const std::string& name = files[file].name;
  if (files[file].format == InputFormat::kText) return name;
  return name + ":" + std::to_string(line);
}

DocumentReader::DocumentReader(const std::vector<InputFile>& files, ReaderOptions options)
    : files_(files), options_(std::move(options)) {}

Result<bool> DocumentReader::Next(Document* doc) {
  for (;;) {
    if (lines_ != nullptr) {
      auto info = lines_->Next(&line_);
      if (!info.ok()) return info.status();
      if (info->kind != LineKind::kEnd) {
        const InputFile& file = files_[next_file_ - 1];
        if (info->kind == LineKind::kLine && IsBlank(line_)) {
          ++blank_lines_;
          continue;
        }
        doc->id.clear();
        doc->text.clear();
        doc->raw.clear();
        doc->reject.clear();
        doc->file = static_cast<uint32_t>(next_file_ - 1);
        doc->line = info->number;
        doc->bytes = info->bytes;
        const size_t with_bom = line_.size();
        if (info->number == 1) StripBom(&line_);
        const bool cr = !line_.empty() && line_.back() == '\r';
        doc->raw_begin = info->offset + (with_bom - line_.size());
        doc->raw_end = info->offset + info->bytes - (cr ? 1 : 0);
        doc->raw_newline = info->newline && !cr;
        if (info->kind == LineKind::kTooLong) {
          doc->id = file.name + ":" + std::to_string(info->number);
          doc->reject = "document of " + std::to_string(info->bytes) +
                        " bytes is over --max-doc-bytes " +
                        std::to_string(options_.input.max_doc_bytes);
        } else if (options_.parse) {
          if (options_.keep_raw) {
            doc->raw = line_;
            if (!doc->raw.empty() && doc->raw.back() == '\r') doc->raw.pop_back();
          }
          ParseJsonDocument(file, options_, &line_, doc);
        } else {
          if (!line_.empty() && line_.back() == '\r') line_.pop_back();
          doc->raw.swap(line_);
        }
        return true;
      }
      bytes_done_ += lines_->bytes_read();
      file_bytes_.push_back(lines_->bytes_read());
      lines_.reset();
    }
    if (next_file_ == files_.size()) return false;
    const InputFile& file = files_[next_file_++];
    if (file.format == InputFormat::kJsonl) {
      DOPPEL_ASSIGN_OR_RETURN(auto stream, OpenInputStream(file.path));
      lines_ = std::make_unique<LineReader>(std::move(stream), options_.input.max_doc_bytes);
      continue;
    }
    DOPPEL_RETURN_IF_ERROR(ReadTextFile(file, doc));
    doc->file = static_cast<uint32_t>(next_file_ - 1);
    return true;
  }
}

Status DocumentReader::ReadTextFile(const InputFile& file, Document* doc) {
  doc->id = file.text_id;
  doc->text.clear();
  doc->raw.clear();
  doc->reject.clear();
  doc->line = 0;
  doc->raw_begin = doc->raw_end = 0;
  doc->raw_newline = false;
  DOPPEL_ASSIGN_OR_RETURN(auto stream, OpenInputStream(file.path));
  const uint64_t limit = options_.input.max_doc_bytes;
  uint64_t total = 0;
  char buf[1 << 16];
  for (;;) {
    DOPPEL_ASSIGN_OR_RETURN(size_t got, stream->Read(buf, sizeof buf));
    if (got == 0) break;
    total += got;
    if (total <= limit) doc->text.append(buf, got);
  }
  bytes_done_ += total;
  file_bytes_.push_back(total);
  doc->bytes = total;
  if (total > limit) {
    doc->text.clear();
    doc->text.shrink_to_fit();
    doc->reject = "document of " + std::to_string(total) + " bytes is over --max-doc-bytes " +
                  std::to_string(limit);
    return Status::Ok();
  }
  StripBom(&doc->text);
  if (!simdjson::validate_utf8(doc->text)) {
    std::string_view t = doc->text;
    int64_t at = FindInvalidUtf8(t);
    uint64_t line = 1;
    for (int64_t i = 0; i < at; ++i) line += t[static_cast<size_t>(i)] == '\n';
    doc->reject =
        "invalid UTF-8 at line " + std::to_string(line) + ", byte offset " + std::to_string(at);
    doc->text.clear();
  }
  return Status::Ok();
}

Status RereadDocuments(const std::vector<InputFile>& files, const ReaderOptions& options,
                       size_t expected,
                       const std::function<Status(size_t index, Document& doc)>& on_document) {
  DocumentReader reader(files, options);
  Document doc;
  size_t index = 0;
  for (;;) {
    DOPPEL_ASSIGN_OR_RETURN(bool more, reader.Next(&doc));
    if (!more) break;
    if (index == expected) {
      return Status::IoError("an input changed while doppel was reading it: more than " +
                             std::to_string(expected) + " documents in the second pass");
    }
    DOPPEL_RETURN_IF_ERROR(on_document(index++, doc));
  }
  if (index != expected) {
    return Status::IoError(
        "an input changed while doppel was reading it: " + std::to_string(expected) +
        " documents in the first pass, " + std::to_string(index) + " in the second");
  }
  return Status::Ok();
}

void ParseJsonDocument(const InputFile& file, const ReaderOptions& options, std::string* line_ptr,
                       Document* doc, std::string_view* text_view) {
  thread_local simdjson::dom::parser parser;
  std::string& line = *line_ptr;
  const std::string fallback_id = file.name + ":" + std::to_string(doc->line);
  line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  simdjson::dom::element root;
  auto error = parser.parse(line.data(), line.size(), false).get(root);
  if (error) {
    doc->id = fallback_id;
    if (error == simdjson::UTF8_ERROR) {
      doc->reject = "invalid UTF-8 at byte offset " + std::to_string(FindInvalidUtf8(line));
    } else {
      doc->reject = std::string("malformed JSON: ") + simdjson::error_message(error);
    }
    return;
  }
  simdjson::dom::object obj;
  if (root.get(obj)) {
    doc->id = fallback_id;
    doc->reject = "malformed JSON: the line is " + TypeName(root.type()) + ", not an object";
    return;
  }
  simdjson::dom::element id;
  if (obj.at_key(options.input.id_field).get(id)) {
    doc->id = fallback_id;
  } else if (id.is_string()) {
    doc->id = std::string(id.get_string().value_unsafe());
  } else if (id.is_number()) {
    doc->id = simdjson::minify(id);
  } else {
    doc->id = fallback_id;
    doc->reject = "field '" + options.input.id_field + "' is " + TypeName(id.type()) +
                  ", not a string or number";
    return;
  }
  simdjson::dom::element text;
  if (obj.at_key(options.input.text_field).get(text)) {
    doc->reject = "no field '" + options.input.text_field + "'";
    return;
  }
  std::string_view value;
  if (text.get(value)) {
    doc->reject =
        "field '" + options.input.text_field + "' is " + TypeName(text.type()) + ", not a string";
    return;
  }
  if (text_view != nullptr) {
    *text_view = value;
  } else {
    doc->text.assign(value);
  }
}

}  // namespace doppel::io
