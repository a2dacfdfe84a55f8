#include "model_fit/gguf_header.hpp"

#include <array>
#include <bit>
#include <charconv>
#include <limits>
#include <set>
#include <utility>

#include "core/printable.hpp"

namespace autocut::model_fit {
namespace {

using nlohmann::json;

constexpr std::string_view kMagic = "GGUF";
constexpr std::uint32_t kDefaultAlignment = 32;
constexpr int kMaxArrayDepth = 4;
constexpr std::uint64_t kMaxListedElements = 64;
constexpr std::uint32_t kMaxDimensions = 8;
constexpr std::size_t kMaxTensorName = 64;     // gguf.md: a tensor's name is at most 64 bytes
constexpr std::size_t kMaxKeyInMessages = 80;  // a hostile key must not make the error message huge

// GGUF's metadata value types, numbered as in gguf.md.
enum class ValueType : std::uint32_t {
  uint8,
  int8,
  uint16,
  int16,
  uint32,
  int32,
  float32,
  boolean,
  string,
  array,
  uint64,
  int64,
  float64,
};
constexpr std::uint32_t kLastValueType = static_cast<std::uint32_t>(ValueType::float64);

// ggml's tensor types and how their elements are packed: ggml.h's numbering, ggml.c's type_traits.
struct GgmlType {
  std::uint32_t id;
  std::string_view name;
  std::uint32_t block_elements;
  std::uint32_t block_bytes;
};
constexpr std::array<GgmlType, 32> kGgmlTypes{{
    {0, "F32", 1, 4},         {1, "F16", 1, 2},         {2, "Q4_0", 32, 18},      {3, "Q4_1", 32, 20},
    {6, "Q5_0", 32, 22},      {7, "Q5_1", 32, 24},      {8, "Q8_0", 32, 34},      {9, "Q8_1", 32, 36},
    {10, "Q2_K", 256, 84},    {11, "Q3_K", 256, 110},   {12, "Q4_K", 256, 144},   {13, "Q5_K", 256, 176},
    {14, "Q6_K", 256, 210},   {15, "Q8_K", 256, 292},   {16, "IQ2_XXS", 256, 66}, {17, "IQ2_XS", 256, 74},
    {18, "IQ3_XXS", 256, 98}, {19, "IQ1_S", 256, 50},   {20, "IQ4_NL", 32, 18},   {21, "IQ3_S", 256, 110},
    {22, "IQ2_S", 256, 82},   {23, "IQ4_XS", 256, 136}, {24, "I8", 1, 1},         {25, "I16", 1, 2},
    {26, "I32", 1, 4},        {27, "I64", 1, 8},        {28, "F64", 1, 8},        {29, "IQ1_M", 256, 56},
    {30, "BF16", 1, 2},       {34, "TQ1_0", 256, 54},   {35, "TQ2_0", 256, 66},   {39, "MXFP4", 32, 17},
}};

const GgmlType* ggml_type(std::uint32_t id) {
  for (const auto& type : kGgmlTypes)
    if (type.id == id) return &type;
  return nullptr;
}

std::optional<std::uint64_t> multiply(std::uint64_t a, std::uint64_t b) {
  if (b != 0 && a > std::numeric_limits<std::uint64_t>::max() / b) return std::nullopt;
  return a * b;
}

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return b > std::numeric_limits<std::uint64_t>::max() - a ? std::numeric_limits<std::uint64_t>::max() : a + b;
}

// How reading stops short of a header. Thrown inside the parser only; read_gguf_header turns them into GgufRead.
struct Truncated {};
struct Malformed {
  std::string what;
};

// The bytes read so far, and the part of the header being read (named in errors).
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}

  std::string where;          // "key 12 (general.name)"; empty for the header's fixed fields
  std::uint32_t version = 0;  // decides the width of lengths and counts

  [[noreturn]] void fail(const std::string& what) const { throw Malformed{where.empty() ? what : where + ": " + what}; }

  // `n` more bytes must be there. Running past the bytes given is truncation, but running past where any header
  // could end is an error: otherwise a forged length would have the caller read on through the whole file.
  void need(std::uint64_t n, std::string_view what) const {
    if (n > kGgufMaxHeaderBytes - position_)
      fail(std::string(what) + " of " + std::to_string(n) + " bytes runs past the first " +
           std::to_string(kGgufMaxHeaderBytes >> 20) + " MiB, further than a GGUF header goes");
    if (n > bytes_.size() - position_) throw Truncated{};
  }

  // A count of things that take at least `least_bytes` each: one that no header could hold is an error, so nothing
  // is ever sized or looped over according to it.
  void check_count(std::uint64_t count, std::uint64_t least_bytes, std::string_view what) const {
    if (count > (kGgufMaxHeaderBytes - position_) / least_bytes)
      fail(std::string(what) + " " + std::to_string(count) + " cannot fit in a GGUF header");
  }

  std::string_view take(std::uint64_t n, std::string_view what) {
    need(n, what);
    const auto taken = bytes_.substr(position_, n);
    position_ += n;
    return taken;
  }

  template <class Unsigned>
  Unsigned number() {
    const auto bytes = take(sizeof(Unsigned), "a number");
    Unsigned value = 0;
    for (std::size_t i = 0; i < sizeof(Unsigned); ++i)  // little-endian whatever this machine is
      value = static_cast<Unsigned>(value | static_cast<Unsigned>(static_cast<unsigned char>(bytes[i])) << (8 * i));
    return value;
  }

  // String lengths, array lengths, counts and (in version 1) dimensions: 32 bits in version 1, 64 after.
  std::uint64_t length() { return version == 1 ? number<std::uint32_t>() : number<std::uint64_t>(); }
  std::uint64_t length_bytes() const { return version == 1 ? 4 : 8; }

  std::string_view string() {
    const auto n = length();
    return take(n, "a string");
  }

  std::uint64_t position() const { return position_; }

 private:
  std::string_view bytes_;
  std::uint64_t position_ = 0;  // never past kGgufMaxHeaderBytes: need() sees to it
};

ValueType value_type(const Cursor& in, std::uint32_t raw, std::string_view what) {
  if (raw > kLastValueType) in.fail("unknown " + std::string(what) + " " + std::to_string(raw));
  return static_cast<ValueType>(raw);
}

std::optional<std::uint64_t> fixed_size(ValueType type) {
  switch (type) {
    case ValueType::uint8:
    case ValueType::int8:
    case ValueType::boolean:
      return 1;
    case ValueType::uint16:
    case ValueType::int16:
      return 2;
    case ValueType::uint32:
    case ValueType::int32:
    case ValueType::float32:
      return 4;
    case ValueType::uint64:
    case ValueType::int64:
    case ValueType::float64:
      return 8;
    case ValueType::string:
    case ValueType::array:
      return std::nullopt;
  }
  return std::nullopt;
}

// The fewest bytes a value of this type takes: an empty string or an empty array still has its length.
std::uint64_t least_bytes(const Cursor& in, ValueType type) {
  if (const auto size = fixed_size(type)) return *size;
  return type == ValueType::string ? in.length_bytes() : 4 + in.length_bytes();
}

// A float32 as the double its shortest decimal names, so 1e-6 reads 1e-06 in the JSON rather than
// 9.999999974752427e-07.
double widened(float value) {
  std::array<char, 32> text{};
  const auto written = std::to_chars(text.data(), text.data() + text.size(), value);
  double wide = value;
  std::from_chars(text.data(), written.ptr, wide);
  return wide;
}

json value(Cursor& in, ValueType type, int depth, bool keep);

// An array's elements, or, for a long one or one inside a skipped array, only its length.
json array(Cursor& in, int depth, bool keep) {
  if (depth >= kMaxArrayDepth) in.fail("arrays nested more than " + std::to_string(kMaxArrayDepth) + " deep");
  const auto element = value_type(in, in.number<std::uint32_t>(), "array element type");
  const auto count = in.length();
  in.check_count(count, least_bytes(in, element), "array length");
  keep = keep && count <= kMaxListedElements;
  if (!keep) {
    if (const auto size = fixed_size(element))
      in.take(count * *size, "an array");  // check_count bounds count * size
    else
      for (std::uint64_t i = 0; i < count; ++i) value(in, element, depth + 1, false);
    return {{"length", count}};
  }
  json elements = json::array();
  for (std::uint64_t i = 0; i < count; ++i) elements.push_back(value(in, element, depth + 1, true));
  return elements;
}

// One value; numbers, bools and strings as themselves. Not kept, a string is only stepped over.
json value(Cursor& in, ValueType type, int depth, bool keep) {
  switch (type) {
    case ValueType::uint8:
      return in.number<std::uint8_t>();
    case ValueType::int8:
      return static_cast<std::int8_t>(in.number<std::uint8_t>());
    case ValueType::uint16:
      return in.number<std::uint16_t>();
    case ValueType::int16:
      return static_cast<std::int16_t>(in.number<std::uint16_t>());
    case ValueType::uint32:
      return in.number<std::uint32_t>();
    case ValueType::int32:
      return static_cast<std::int32_t>(in.number<std::uint32_t>());
    case ValueType::uint64:
      return in.number<std::uint64_t>();
    case ValueType::int64:
      return static_cast<std::int64_t>(in.number<std::uint64_t>());
    case ValueType::float32:
      return widened(std::bit_cast<float>(in.number<std::uint32_t>()));
    case ValueType::float64:
      return std::bit_cast<double>(in.number<std::uint64_t>());
    case ValueType::boolean:
      return in.number<std::uint8_t>() != 0;
    case ValueType::string: {
      const auto text = in.string();
      return keep ? json(core::printable(text)) : json();
    }
    case ValueType::array:
      return array(in, depth, keep);
  }
  return {};
}

// general.alignment: ggml reads it as a uint32 and rounds offsets with it, so anything else is refused.
std::uint32_t checked_alignment(const Cursor& in, ValueType type, const json& alignment) {
  if (type != ValueType::uint32) in.fail("the alignment must be a uint32");
  const auto value = alignment.get<std::uint32_t>();
  if (!std::has_single_bit(value)) in.fail("alignment " + std::to_string(value) + " is not a power of two");
  return value;
}

// The key-value pairs into `metadata`; the alignment tensor data keeps.
std::uint32_t read_metadata(Cursor& in, std::uint64_t count, json& metadata) {
  std::uint32_t alignment = kDefaultAlignment;
  for (std::uint64_t i = 0; i < count; ++i) {
    in.where = "key " + std::to_string(i);
    const auto key = core::printable(in.string());
    in.where += " (" + key.substr(0, kMaxKeyInMessages) + ")";
    const auto type = value_type(in, in.number<std::uint32_t>(), "value type");
    auto read = value(in, type, 0, true);
    if (key == "general.alignment") alignment = checked_alignment(in, type, read);
    if (!metadata.emplace(key, std::move(read)).second) in.fail("the key appears twice");
  }
  return alignment;
}

GgufTensor read_tensor(Cursor& in, std::uint32_t alignment) {
  GgufTensor tensor;
  const auto name = in.string();
  if (name.size() > kMaxTensorName) in.fail("a name longer than " + std::to_string(kMaxTensorName) + " bytes");
  tensor.name = core::printable(name);
  in.where += " (" + tensor.name + ")";
  const auto dimensions = in.number<std::uint32_t>();
  if (dimensions > kMaxDimensions)
    in.fail(std::to_string(dimensions) + " dimensions, more than " + std::to_string(kMaxDimensions));
  // ggml counts elements in int64_t.
  constexpr auto kMaxElements = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  std::uint64_t elements = 1;
  for (std::uint32_t d = 0; d < dimensions; ++d) {
    const auto extent = in.length();
    const auto product = multiply(elements, extent);
    if (extent > kMaxElements || !product || *product > kMaxElements) in.fail("more elements than ggml can count");
    elements = *product;
    tensor.dimensions.push_back(extent);
  }
  tensor.type = in.number<std::uint32_t>();
  tensor.offset = in.number<std::uint64_t>();
  if (tensor.offset % alignment != 0)
    in.fail("offset " + std::to_string(tensor.offset) + " is not a multiple of the alignment " +
            std::to_string(alignment));
  return tensor;
}

std::vector<GgufTensor> read_tensors(Cursor& in, std::uint64_t count, std::uint32_t alignment) {
  std::vector<GgufTensor> tensors;
  std::set<std::string> names;
  for (std::uint64_t i = 0; i < count; ++i) {
    in.where = "tensor " + std::to_string(i);
    tensors.push_back(read_tensor(in, alignment));
    if (!names.insert(tensors.back().name).second) in.fail("the name appears twice");
  }
  return tensors;
}

void check_magic(std::string_view bytes) {
  const auto head = bytes.substr(0, kMagic.size());
  if (head != kMagic.substr(0, head.size())) throw Malformed{"not a GGUF file (magic)"};
  if (head.size() < kMagic.size()) throw Truncated{};
}

void check_version(std::uint32_t version) {
  if (version >= 1 && version <= 3) return;
  // Version 3 files may be big-endian (gguf.md); their version then reads byte-swapped.
  const auto swapped =
      ((version & 0xFFu) << 24) | ((version & 0xFF00u) << 8) | ((version >> 8) & 0xFF00u) | (version >> 24);
  if (swapped >= 1 && swapped <= 3) throw Malformed{"a big-endian GGUF file, which this reader does not read"};
  throw Malformed{"unsupported GGUF version " + std::to_string(version)};
}

GgufHeader parse(std::string_view bytes) {
  check_magic(bytes);
  Cursor in(bytes);
  in.take(kMagic.size(), "the magic");
  GgufHeader header;
  header.version = in.number<std::uint32_t>();
  check_version(header.version);
  in.version = header.version;
  const auto tensor_count = in.length();
  const auto metadata_count = in.length();
  in.check_count(metadata_count, in.length_bytes() + 4 + 1, "metadata count");
  in.check_count(tensor_count, in.length_bytes() + 4 + 4 + 8, "tensor count");
  const auto alignment = read_metadata(in, metadata_count, header.metadata);
  header.tensors = read_tensors(in, tensor_count, alignment);
  // Tensor data starts at the next multiple of the alignment; the padding before it need not be read.
  header.data_offset = (in.position() + alignment - 1) / alignment * alignment;
  return header;
}

bool is_projector_file(const json& metadata) {
  const auto architecture = metadata.find("general.architecture");
  return architecture != metadata.end() && architecture->is_string() && *architecture == "clip";
}

bool is_vision_tensor(std::string_view name) { return name.starts_with("v.") || name.starts_with("mm."); }

}  // namespace

GgufRead read_gguf_header(std::string_view bytes) {
  GgufRead read;
  try {
    read.header = parse(bytes);
  } catch (const Truncated&) {
    read.truncated = true;
  } catch (const Malformed& malformed) {
    read.error = malformed.what;
  }
  return read;
}

std::optional<std::uint64_t> tensor_bytes(const GgufTensor& tensor) {
  const auto* type = ggml_type(tensor.type);
  if (!type) return std::nullopt;
  // Blocks run along the first dimension (ggml_row_size), so a row must hold a whole number of them.
  const std::uint64_t row = tensor.dimensions.empty() ? 1 : tensor.dimensions.front();
  if (row % type->block_elements != 0) return std::nullopt;
  std::optional<std::uint64_t> blocks = row / type->block_elements;
  for (std::size_t d = 1; d < tensor.dimensions.size() && blocks; ++d) blocks = multiply(*blocks, tensor.dimensions[d]);
  if (!blocks) return std::nullopt;
  return multiply(*blocks, type->block_bytes);
}

GgufWeights weights_of(const GgufHeader& header) {
  GgufWeights weights;
  const bool projector = is_projector_file(header.metadata);
  for (const auto& tensor : header.tensors) {
    const auto bytes = tensor_bytes(tensor);
    if (!bytes)
      ++weights.unknown_tensors;
    else if (projector || is_vision_tensor(tensor.name))
      weights.vision_bytes = saturating_add(weights.vision_bytes, *bytes);
    else
      weights.language_bytes = saturating_add(weights.language_bytes, *bytes);
  }
  return weights;
}

}  // namespace autocut::model_fit
