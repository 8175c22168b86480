#include "pipeline/id_table.h"

#include <span>

namespace doppel::pipeline {

Status IdTable::Create(const std::string& path_prefix) {
  DOPPEL_RETURN_IF_ERROR(bytes_.Create(path_prefix + "ids.bin"));
  return ends_.Create(path_prefix + "id-ends.bin");
}

Status IdTable::Append(std::string_view id) {
  DOPPEL_RETURN_IF_ERROR(bytes_.Append(std::span<const char>(id.data(), id.size())).status());
  const uint64_t end = bytes_.size();
  return ends_.Append(std::span<const uint64_t>(&end, 1)).status();
}

Status IdTable::Seal() {
  DOPPEL_RETURN_IF_ERROR(bytes_.Seal());
  return ends_.Seal();
}

std::string_view IdTable::operator[](uint64_t i) const {
  const uint64_t begin = i == 0 ? 0 : ends_.Get(i - 1, 1)[0];
  const uint64_t end = ends_.Get(i, 1)[0];
  const std::span<const char> id = bytes_.Get(begin, end - begin);
  return {id.data(), id.size()};
}

Status IdTable::Copy(uint64_t i, std::string* out) const {
  uint64_t ends[2] = {0, 0};  // the end of id i - 1 (0 before the first id), then of id i
  const std::span<uint64_t> read = i == 0 ? std::span<uint64_t>(ends + 1, 1) : std::span(ends);
  DOPPEL_RETURN_IF_ERROR(ends_.CopyRange(i == 0 ? 0 : i - 1, read));
  out->resize(ends[1] - ends[0]);  // read straight into the string
  return bytes_.CopyRange(ends[0], std::span<char>(out->data(), out->size()));
}

void IdTable::DropResidentPages() const {
  bytes_.DropResidentPages();
  ends_.DropResidentPages();
}

}  // namespace doppel::pipeline
