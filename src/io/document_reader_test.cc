#include "io/document_reader.h"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <zlib.h>
#include <zstd.h>

#include "test_util.h"

namespace doppel::io {
namespace {

using doppel::testing::TempDir;
using doppel::testing::WriteFile;

std::vector<Document> ReadAll(const std::vector<InputFile>& files, ReaderOptions options = {},
                              DocumentReader** keep = nullptr) {
  static std::unique_ptr<DocumentReader> reader;
  reader = std::make_unique<DocumentReader>(files, options);
  std::vector<Document> docs;
  Document d;
  for (;;) {
    auto more = reader->Next(&d);
    EXPECT_TRUE(more.ok()) << more.status().message();
    if (!more.ok() || !*more) break;
    docs.push_back(d);
  }
  if (keep != nullptr) *keep = reader.get();
  return docs;
}

std::vector<InputFile> Expand(const std::vector<std::string>& args) {
  auto files = ExpandInputs(args, "/nonexistent-stdin");
  EXPECT_TRUE(files.ok()) << files.status().message();
  return files.ok() ? *files : std::vector<InputFile>{};
}

TEST(DocumentReaderTest, ReadsJsonLinesWithIdsAndFallbacks) {
  TempDir dir;
  WriteFile(dir.File("c.jsonl"),
            "{\"id\": \"a\", \"text\": \"first\", \"extra\": [1, 2]}\n"
            "{\"text\": \"no id\"}\n"
            "{\"id\": 42, \"text\": \"numeric id\"}\r\n");
  auto docs = ReadAll(Expand({dir.File("c.jsonl")}));
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].id, "a");
  EXPECT_EQ(docs[0].text, "first");
  EXPECT_EQ(docs[1].id, dir.File("c.jsonl") + ":2");
  EXPECT_EQ(docs[2].id, "42");
  EXPECT_EQ(docs[2].line, 3u);
  for (const auto& d : docs) EXPECT_TRUE(d.reject.empty()) << d.reject;
}

TEST(DocumentReaderTest, RejectsBadLinesWithReasonsAndGoesOn) {
  TempDir dir;
  WriteFile(dir.File("bad.jsonl"),
            "{\"id\": \"ok\", \"text\": \"fine\"}\n"
            "{\"id\": \"x\", \"text\": \"unterminated\n"
            "{\"id\": \"y\", \"body\": \"no text field\"}\n"
            "{\"id\": \"z\", \"text\": 17}\n"
            "[1, 2, 3]\n"
            "{\"id\": \"u\", \"text\": \"bad \xC3\x28 byte\"}\n"
            "\n"
            "   \n"
            "{\"id\": [1], \"text\": \"array id\"}\n"
            "{\"id\": \"w\", \"text\": \"trailing garbage\"} x\n");
  DocumentReader* reader = nullptr;
  auto docs = ReadAll(Expand({dir.File("bad.jsonl")}), {}, &reader);
  ASSERT_EQ(docs.size(), 8u);
  EXPECT_TRUE(docs[0].reject.empty());
  EXPECT_NE(docs[1].reject.find("malformed JSON"), std::string::npos) << docs[1].reject;
  EXPECT_EQ(docs[1].id, dir.File("bad.jsonl") + ":2");
  EXPECT_EQ(docs[2].reject, "no field 'text'");
  EXPECT_EQ(docs[2].id, "y");
  EXPECT_EQ(docs[3].reject, "field 'text' is a number, not a string");
  EXPECT_NE(docs[4].reject.find("not an object"), std::string::npos);
  EXPECT_NE(docs[5].reject.find("invalid UTF-8 at byte offset"), std::string::npos)
      << docs[5].reject;
  EXPECT_EQ(docs[5].line, 6u);
  EXPECT_NE(docs[6].reject.find("not a string or number"), std::string::npos);
  EXPECT_EQ(docs[6].line, 9u);
  EXPECT_NE(docs[7].reject.find("malformed JSON"), std::string::npos);
  EXPECT_EQ(reader->blank_lines(), 2u);
  EXPECT_EQ(DocumentLocation(Expand({dir.File("bad.jsonl")}), docs[3]),
            dir.File("bad.jsonl") + ":4");
}

TEST(DocumentReaderTest, OversizedDocumentsAreRejectedWithoutBeingHeld) {
  TempDir dir;
  std::string big(5000, 'a');
  WriteFile(dir.File("big.jsonl"), "{\"id\": \"big\", \"text\": \"" + big +
                                       "\"}\n{\"id\": \"small\", \"text\": \"ok\"}\n");
  WriteFile(dir.File("texts/big.txt"), big);
  ReaderOptions o;
  o.input.max_doc_bytes = 1000;
  auto docs = ReadAll(Expand({dir.File("big.jsonl"), dir.File("texts")}), o);
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_NE(docs[0].reject.find("over --max-doc-bytes 1000"), std::string::npos) << docs[0].reject;
  EXPECT_TRUE(docs[0].text.empty());
  EXPECT_TRUE(docs[1].reject.empty());
  EXPECT_EQ(docs[1].id, "small");
  EXPECT_EQ(docs[2].id, "big.txt");
  EXPECT_NE(docs[2].reject.find("5000 bytes"), std::string::npos);
}

TEST(DocumentReaderTest, TextDirectoriesAreReadRecursivelyInOrder) {
  TempDir dir;
  WriteFile(dir.File("d/b.txt"), "bee");
  WriteFile(dir.File("d/a/z.txt"), "\xEF\xBB\xBFzed");  // BOM is dropped
  WriteFile(dir.File("d/.hidden"), "skip me");
  WriteFile(dir.File("d/.git/config"), "skip me too");
  WriteFile(dir.File("d/c.txt"), "bad \xFF\n");
  auto docs = ReadAll(Expand({dir.File("d")}));
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].id, "a/z.txt");
  EXPECT_EQ(docs[0].text, "zed");
  EXPECT_EQ(docs[1].id, "b.txt");
  EXPECT_EQ(docs[2].id, "c.txt");
  EXPECT_EQ(docs[2].reject, "invalid UTF-8 at line 1, byte offset 4");
}

TEST(DocumentReaderTest, ReadsGzipAndZstdByContent) {
  TempDir dir;
  std::string jsonl = "{\"id\": \"g\", \"text\": \"compressed\"}\n";
  gzFile gz = gzopen(dir.File("a.jsonl.gz").c_str(), "wb");
  gzwrite(gz, jsonl.data(), static_cast<unsigned>(jsonl.size()));
  gzclose(gz);
  std::string z(ZSTD_compressBound(jsonl.size()), '\0');
  z.resize(ZSTD_compress(z.data(), z.size(), jsonl.data(), jsonl.size(), 3));
  WriteFile(dir.File("b.jsonl.zst"), z);
  auto files = Expand({dir.File("a.jsonl.gz"), dir.File("b.jsonl.zst")});
  EXPECT_TRUE(files[0].compressed);
  auto docs = ReadAll(files);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].text, "compressed");
  EXPECT_EQ(docs[1].text, "compressed");
}

TEST(DocumentReaderTest, CorruptCompressedInputIsAnError) {
  TempDir dir;
  WriteFile(dir.File("bad.jsonl.zst"), std::string("\x28\xb5\x2f\xfd garbage garbage", 20));
  std::vector<InputFile> files = Expand({dir.File("bad.jsonl.zst")});
  DocumentReader reader(files, {});
  Document d;
  auto r = reader.Next(&d);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad.jsonl.zst"), std::string::npos);
}

TEST(DocumentReaderTest, MissingInputIsNamed) {
  auto files = ExpandInputs({"/no/such/file.jsonl"}, "");
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.status().message().find("/no/such/file.jsonl"), std::string::npos);
}

TEST(DocumentReaderTest, RawModeReturnsLinesUnparsed) {
  TempDir dir;
  WriteFile(dir.File("r.jsonl"), "{\"id\":1,\"text\":\"x\",\"keep\":true}\r\n\n{broken\n");
  ReaderOptions o;
  o.parse = false;
  auto docs = ReadAll(Expand({dir.File("r.jsonl")}), o);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].raw, "{\"id\":1,\"text\":\"x\",\"keep\":true}");
  EXPECT_EQ(docs[1].raw, "{broken");
}

// Parsing a raw line with a view of its text gives what the copy gives,
// and leaves doc->text alone; a rejected line leaves the view alone.
TEST(DocumentReaderTest, ParsedTextCanBeSeenInTheParser) {
  const InputFile file{"f.jsonl", "f.jsonl", "", InputFormat::kJsonl, 0, false};
  for (const std::string json :
       {"{\"id\": \"a\", \"text\": \"caf\\u00e9 \\\"quoted\\\" text\"}",
        "{\"id\": \"b\", \"text\": \"\"}"}) {
    Document copied;
    std::string line = json;
    ParseJsonDocument(file, {}, &line, &copied);
    Document viewed;
    line = json;
    std::string_view text = "unset";
    ParseJsonDocument(file, {}, &line, &viewed, &text);
    EXPECT_EQ(text, copied.text);
    EXPECT_TRUE(viewed.text.empty());
    EXPECT_EQ(viewed.id, copied.id);
    EXPECT_TRUE(viewed.reject.empty()) << viewed.reject;
  }
  Document bad;
  std::string line = "{\"id\": 3, \"body\": \"no text\"}";
  std::string_view text = "unset";
  ParseJsonDocument(file, {}, &line, &bad, &text);
  EXPECT_EQ(bad.reject, "no field 'text'");
  EXPECT_EQ(text, "unset");
}

TEST(Utf8Test, FindsTheFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii"), -1);
  EXPECT_EQ(FindInvalidUtf8("caf\xC3\xA9"), -1);
  EXPECT_EQ(FindInvalidUtf8("ab\xE2\x82"), 2);     // truncated sequence
  EXPECT_EQ(FindInvalidUtf8("a\xC0\xAF"), 1);      // overlong
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1);  // surrogate
}

}  // namespace
}  // namespace doppel::io
