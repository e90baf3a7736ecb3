// Native CPU kernel of the NSA compression step (docs/contract.md), registered in C++ on the op
// nsa_fusion::compress_infer_ (defined in Python by nsa_fusion/ops.py) for the CPU and AutogradCPU keys,
// so that a compiled graph's call reaches it through the dispatcher with no Python in between.
// Loaded with torch.ops.load_library by nsa_fusion/lowering/native_kernel.py (built there, cached).
//
// For each batch b with s = seq_len[b] >= l and (s - l) % d == 0, for each head h:
//   acc = 0 (fp32); for j = 0 .. l-1 (in this order): p = s - l + j,
//     acc += float(weight[j, h]) * float(input[block_table[b, p / P], p % P, h, :])   (mul, then add)
//   cache[slot_mapping[b], h, :] = round_to_nearest_even(acc)
// Other batches touch nothing; no other cache row is read or written.
//
// Phase 1 finds the qualifying batches and bounds-checks every index they will dereference (slot,
// window capacity, page ids), throwing IndexError/ValueError before anything is written.  Phase 2 runs
// (qualifying batch, head) items with at::parallel_for.  Buffers are thread_local and reused, so a
// steady-state call allocates nothing.  A cache that shares memory with the paged KV or the block table
// has its rows computed into a fresh buffer and copied in after phase 2, as eager reads every window first.
//
// Also here:
//   * nsa_fusion_native::compress_         the kernel alone (tests call it directly);
//   * nsa_fusion_native::compress_checked_ the eager entry of nsa_fusion.compress_infer: every argument
//     check of nsa_fusion/_validation.py (shapes, dtypes, devices; with check_values also lengths,
//     page ids, slots and slot uniqueness) in one pass over the index tensors, then the op through the
//     dispatcher (so a kernel registered above this one, e.g. a test override, still runs).
//
// Bit-exactness: the D loop is vectorised with at::vec::Vectorized<float>, lane e of the vector doing
// exactly the scalar recurrence acc[e] = acc[e] + w * x[e] over j in order (the window is streamed token
// by token into fp32 accumulators held in L1, see run()).  Must be compiled with
// -ffp-contract=off (no FMA contraction) and without -ffast-math (no reassociation).
// Arbitrary strides everywhere; the inner-dim fast path needs input.stride(3) == 1, otherwise a scalar
// loop with the same order is used.  The output row is rounded element by element with c10::Half /
// c10::BFloat16 conversions (round-to-nearest-even) and written with cache's strides.
#include <ATen/core/LegacyTypeDispatch.h>
#include <ATen/core/Tensor.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <torch/library.h>

#include <ATen/Parallel.h>
#include <ATen/cpu/vec/functional.h>
#include <ATen/cpu/vec/vec.h>
#include <ATen/ops/empty.h>
#include <c10/util/BFloat16.h>
#include <c10/util/Half.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace {

using Vec = at::vec::Vectorized<float>;
constexpr int64_t VS = Vec::size();
// fp32 accumulators per work item (16 KiB): a group of heads whose rows fit in L1 next to the window
constexpr int64_t ACC_FLOATS = 4096;
// window tokens added per pass over the accumulators
constexpr int TOKENS = 4;

struct Index {  // int32/int64 1-D or 2-D index tensor read with its strides
  const void* p;
  bool i32;
  int64_t s0, s1;
  explicit Index(const at::Tensor& t)
      : p(t.const_data_ptr()), i32(t.scalar_type() == at::kInt), s0(t.stride(0)), s1(t.dim() > 1 ? t.stride(1) : 0) {}
  inline int64_t operator()(int64_t i, int64_t j = 0) const {
    const int64_t off = i * s0 + j * s1;
    return i32 ? static_cast<const int32_t*>(p)[off] : static_cast<const int64_t*>(p)[off];
  }
};

template <typename T>
inline Vec load_f(const T* p) {
  if constexpr (std::is_same_v<T, float>) {
    return Vec::loadu(p);
  } else {
    Vec out;
    at::vec::load_to_float<T>(p, out);
    return out;
  }
}

// acc[x] = (((acc[x] + w[0] * t[0][x]) + w[1] * t[1][x]) + ...) + w[K-1] * t[K-1][x] for x in [0, D):
// K window tokens of one head added in order (mul, then add), vector body and scalar tail alike.
// The accumulators make one round trip through L1 per K tokens.
template <typename T, int K>
inline void accumulate(float* acc, const T* const* t, const float* w, int64_t D) {
  Vec v[K];
  for (int k = 0; k < K; ++k) v[k] = Vec(w[k]);
  int64_t x = 0;
  for (; x + VS <= D; x += VS) {
    Vec s = Vec::loadu(acc + x);
    for (int k = 0; k < K; ++k) s = s + v[k] * load_f(t[k] + x);
    s.store(acc + x);
  }
  for (; x < D; ++x) {
    float s = acc[x];
    for (int k = 0; k < K; ++k) s = s + w[k] * static_cast<float>(t[k][x]);
    acc[x] = s;
  }
}

// Reused per thread: a steady-state call allocates nothing.
template <typename V>
inline V& reuse(V& v, size_t n) {
  if (v.size() < n) v.resize(n);
  return v;
}

// Phase 2.  One work item = (qualifying batch, group of G heads).  The window is streamed token by token
// (each token's G head rows in memory order, TOKENS tokens per pass), accumulating into G * D fp32 values
// that stay in L1; then the rows are rounded and written.  Per output element the recurrence is exactly
// acc = acc + w[j] * x[j] for j = 0 .. l-1 in order, so the bits do not depend on the traversal.
// (The earlier kernel kept 64 outputs in registers over the whole window instead, reading the window
// once per 64 outputs with a stride of N * D elements between tokens: at B = 1024, N = 4, D = 192 it
// took 1.2-3x as long as this one, paired calls on a busy 2-core machine; equal at B <= 32.  Four
// tokens per pass beat two and eight.)
template <typename T>
void run(const at::Tensor& input, const at::Tensor& weight, const int64_t* rows, const Index& table,
         const int64_t* batches, const int64_t* ends, int64_t Q, const at::Tensor& cache, int64_t l, int64_t P) {
  const int64_t N = input.size(2), D = input.size(3);
  const int64_t is0 = input.stride(0), is1 = input.stride(1), is2 = input.stride(2), is3 = input.stride(3);
  const int64_t cs0 = cache.stride(0), cs1 = cache.stride(1), cs2 = cache.stride(2);
  const T* in = input.const_data_ptr<T>();
  T* out = cache.mutable_data_ptr<T>();
  // weight as fp32, head-major [N, l] (tiny)
  static thread_local std::vector<float> w_buf;
  float* w = reuse(w_buf, static_cast<size_t>(N * l)).data();
  {
    const T* wp = weight.const_data_ptr<T>();
    const int64_t ws0 = weight.stride(0), ws1 = weight.stride(1);
    for (int64_t h = 0; h < N; ++h)
      for (int64_t j = 0; j < l; ++j) w[h * l + j] = static_cast<float>(wp[j * ws0 + h * ws1]);
  }
  const int64_t G = std::max<int64_t>(1, std::min<int64_t>(N, ACC_FLOATS / std::max<int64_t>(D, 1)));
  const int64_t groups = (N + G - 1) / G;
  const int64_t work = std::max<int64_t>(1, l * G * D);
  const int64_t grain = std::max<int64_t>(1, 16384 / work);  // ~16K multiply-adds per task at least
  at::parallel_for(0, Q * groups, grain, [&](int64_t begin, int64_t end) {
    static thread_local std::vector<float> acc_buf;
    static thread_local std::vector<int64_t> base_buf;
    float* acc = reuse(acc_buf, static_cast<size_t>(G * D)).data();
    int64_t* base = reuse(base_buf, static_cast<size_t>(l)).data();  // input offset of token j, head 0
    int64_t row_q = -1;
    for (int64_t item = begin; item < end; ++item) {
      const int64_t q = item / groups, h0 = (item % groups) * G, h1 = std::min(N, h0 + G);
      if (q != row_q) {
        const int64_t b = batches[q], s0 = ends[q] - l;
        for (int64_t j = 0; j < l; ++j) {
          const int64_t p = s0 + j;
          base[j] = table(b, p / P) * is0 + (p % P) * is1;
        }
        row_q = q;
      }
      std::fill(acc, acc + (h1 - h0) * D, 0.f);
      if (is3 == 1) {
        const T* t[TOKENS];
        float wk[TOKENS];
        int64_t j = 0;
        for (; j + TOKENS <= l; j += TOKENS) {
          for (int64_t h = h0; h < h1; ++h) {
            for (int k = 0; k < TOKENS; ++k) t[k] = in + base[j + k] + h * is2, wk[k] = w[h * l + j + k];
            accumulate<T, TOKENS>(acc + (h - h0) * D, t, wk, D);
          }
        }
        for (; j < l; ++j) {
          for (int64_t h = h0; h < h1; ++h) {
            t[0] = in + base[j] + h * is2, wk[0] = w[h * l + j];
            accumulate<T, 1>(acc + (h - h0) * D, t, wk, D);
          }
        }
      } else {  // strided inner dim: scalar, same order
        for (int64_t j = 0; j < l; ++j) {
          for (int64_t h = h0; h < h1; ++h) {
            const float wj = w[h * l + j];
            const T* tok = in + base[j] + h * is2;
            float* a = acc + (h - h0) * D;
            for (int64_t x = 0; x < D; ++x) a[x] = a[x] + wj * static_cast<float>(tok[x * is3]);
          }
        }
      }
      for (int64_t h = h0; h < h1; ++h) {
        T* dst = out + rows[q] * cs0 + h * cs1;
        const float* a = acc + (h - h0) * D;
        if (cs2 == 1) {
          for (int64_t x = 0; x < D; ++x) dst[x] = static_cast<T>(a[x]);
        } else {
          for (int64_t x = 0; x < D; ++x) dst[x * cs2] = static_cast<T>(a[x]);
        }
      }
    }
  });
}

bool is_float(at::ScalarType t) { return t == at::kHalf || t == at::kBFloat16 || t == at::kFloat; }
bool is_index(at::ScalarType t) { return t == at::kInt || t == at::kLong; }

// The shape/dtype/device rules of nsa_fusion/_validation.py check_signature, same order, same
// exception types (ValueError / TypeError), each message naming the argument.
void check_signature(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& slot_mapping,
                     const at::Tensor& block_table, const at::Tensor& seq_len, const at::Tensor& cache, int64_t l,
                     int64_t d, int64_t P) {
  TORCH_CHECK_VALUE(l > 0, "compress_block_size must be positive, got ", l);
  TORCH_CHECK_VALUE(d > 0, "compress_stride must be positive, got ", d);
  TORCH_CHECK_VALUE(P > 0, "page_block_size must be positive, got ", P);
  TORCH_CHECK_VALUE(l >= d, "compress_block_size must be >= compress_stride, got ", l, " < ", d);
  TORCH_CHECK_VALUE(input.dim() == 4, "input must have rank 4 [block_num, page_block_size, N, D], got shape ",
                    input.sizes());
  TORCH_CHECK_VALUE(input.size(1) == P, "input.shape[1] must equal page_block_size (", P, "), got ", input.size(1));
  TORCH_CHECK_TYPE(is_float(input.scalar_type()), "input must be float16, bfloat16 or float32, got ",
                   input.scalar_type());
  const int64_t N = input.size(2), D = input.size(3);
  TORCH_CHECK_VALUE(weight.dim() == 2 && weight.size(0) == l && weight.size(1) == N,
                    "weight must have shape [compress_block_size, N] = [", l, ", ", N, "], got ", weight.sizes());
  TORCH_CHECK_VALUE(cache.dim() == 3 && cache.size(1) == N && cache.size(2) == D,
                    "cache must have shape [num_slots, N, D] = [*, ", N, ", ", D, "], got ", cache.sizes());
  TORCH_CHECK_TYPE(weight.scalar_type() == input.scalar_type(), "weight must have the dtype of input (",
                   input.scalar_type(), "), got ", weight.scalar_type());
  TORCH_CHECK_TYPE(cache.scalar_type() == input.scalar_type(), "cache must have the dtype of input (",
                   input.scalar_type(), "), got ", cache.scalar_type());
  TORCH_CHECK_VALUE(slot_mapping.dim() == 1, "slot_mapping must have rank 1 [B], got shape ", slot_mapping.sizes());
  const int64_t B = slot_mapping.size(0);
  TORCH_CHECK_TYPE(is_index(slot_mapping.scalar_type()), "slot_mapping must be int32 or int64, got ",
                   slot_mapping.scalar_type());
  TORCH_CHECK_VALUE(block_table.dim() == 2 && block_table.size(0) == B,
                    "block_table must have shape [B, max_pages] with B = len(slot_mapping) = ", B, ", got ",
                    block_table.sizes());
  TORCH_CHECK_VALUE(block_table.size(1) > 0,
                    "block_table must have at least one page column (max_pages >= 1), got shape ",
                    block_table.sizes());
  TORCH_CHECK_TYPE(is_index(block_table.scalar_type()), "block_table must be int32 or int64, got ",
                   block_table.scalar_type());
  TORCH_CHECK_VALUE(seq_len.dim() == 1 && seq_len.size(0) == B, "actual_seq_len must have shape [B] = [", B,
                    "], got ", seq_len.sizes());
  TORCH_CHECK_TYPE(is_index(seq_len.scalar_type()), "actual_seq_len must be an int32 or int64 tensor, got ",
                   seq_len.scalar_type());
  const auto dev = input.device();
  TORCH_CHECK_VALUE(weight.device() == dev, "weight must be on the device of input (", dev, "), got ",
                    weight.device());
  TORCH_CHECK_VALUE(slot_mapping.device() == dev, "slot_mapping must be on the device of input (", dev, "), got ",
                    slot_mapping.device());
  TORCH_CHECK_VALUE(block_table.device() == dev, "block_table must be on the device of input (", dev, "), got ",
                    block_table.device());
  TORCH_CHECK_VALUE(seq_len.device() == dev, "actual_seq_len must be on the device of input (", dev, "), got ",
                    seq_len.device());
  TORCH_CHECK_VALUE(cache.device() == dev, "cache must be on the device of input (", dev, "), got ", cache.device());
}

// Phase 1: the qualifying batches and their window ends, every index they dereference bounds-checked
// (in the order of nsa_fusion/_validation.py: slots, capacity, page ids).  Fills the (thread_local)
// buffers; returns their count.
int64_t qualifying_rows(const at::Tensor& input, const at::Tensor& block_table, const at::Tensor& cache,
                        const Index& lens, const Index& slots, const Index& table, int64_t B, int64_t l, int64_t d,
                        int64_t P, std::vector<int64_t>& batches, std::vector<int64_t>& ends) {
  const int64_t block_num = input.size(0), num_slots = cache.size(0), max_pages = block_table.size(1);
  int64_t Q = 0;
  for (int64_t b = 0; b < B; ++b) {
    const int64_t s = lens(b);
    if (s < l || (s - l) % d != 0) continue;
    reuse(batches, static_cast<size_t>(Q + 1))[Q] = b;
    reuse(ends, static_cast<size_t>(Q + 1))[Q] = s;
    ++Q;
  }
  for (int64_t q = 0; q < Q; ++q) {
    const int64_t slot = slots(batches[q]);
    TORCH_CHECK_INDEX(slot >= 0 && slot < num_slots, "slot_mapping[", batches[q], "] = ", slot,
                      " is out of range for cache with ", num_slots, " slots");
  }
  for (int64_t q = 0; q < Q; ++q) {
    TORCH_CHECK_VALUE(ends[q] <= max_pages * P, "actual_seq_len[", batches[q], "] = ", ends[q],
                      " exceeds the block table's capacity max_pages * page_block_size = ", max_pages * P);
  }
  for (int64_t q = 0; q < Q; ++q) {
    const int64_t b = batches[q], s = ends[q];
    for (int64_t col = (s - l) / P; col <= (s - 1) / P; ++col) {
      const int64_t page = table(b, col);
      TORCH_CHECK_INDEX(page >= 0 && page < block_num, "block_table[", b, ", ", col, "] = ", page,
                        " is out of range: page ids must be in [0, block_num = ", block_num, ")");
    }
  }
  return Q;
}

// The bytes a tensor's elements may occupy, [lo, hi) (conservative for interleaved views).
std::pair<uintptr_t, uintptr_t> byte_span(const at::Tensor& t) {
  uintptr_t lo = reinterpret_cast<uintptr_t>(t.const_data_ptr()), hi = lo;
  for (int64_t i = 0; i < t.dim(); ++i) {
    const int64_t reach = (t.size(i) - 1) * t.stride(i) * static_cast<int64_t>(t.element_size());
    if (reach >= 0) hi += static_cast<uintptr_t>(reach); else lo -= static_cast<uintptr_t>(-reach);
  }
  return {lo, hi + t.element_size()};
}

bool overlaps(const at::Tensor& a, const at::Tensor& b) {
  if (a.numel() == 0 || b.numel() == 0) return false;
  const auto x = byte_span(a), y = byte_span(b);
  return x.first < y.second && y.first < x.second;
}

// The CPU kernel of nsa_fusion::compress_infer_ (and nsa_fusion_native::compress_).
void compress_infer_(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& slot_mapping,
                     const at::Tensor& block_table, const at::Tensor& seq_len, const at::Tensor& cache, int64_t l,
                     int64_t d, int64_t P) {
  check_signature(input, weight, slot_mapping, block_table, seq_len, cache, l, d, P);
  TORCH_CHECK_VALUE(input.device().is_cpu(), "input must be a CPU tensor for the CPU kernel, got ", input.device());
  const Index lens(seq_len), slots(slot_mapping), table(block_table);
  static thread_local std::vector<int64_t> batches, ends;
  const int64_t Q = qualifying_rows(input, block_table, cache, lens, slots, table, seq_len.size(0), l, d, P,
                                    batches, ends);
  if (Q == 0 || input.size(2) == 0 || input.size(3) == 0) return;
  // Eager reads every window before it writes any row.  Phase 2 writes row q while other items still read
  // their windows and page ids, so a cache that shares memory with the paged KV or the block table (a view of
  // the KV passed as the cache, red team 62 A1; the same bytes through a second storage, 63 A2) has its rows
  // computed into a buffer first and written after.  The weight is copied to fp32 and the slots and lengths
  // read before anything is written.
  const bool aliased = overlaps(cache, input) || overlaps(cache, block_table);
  static thread_local std::vector<int64_t> slot_rows, dst_rows;
  int64_t* slot_of = reuse(slot_rows, static_cast<size_t>(Q)).data();
  int64_t* dst = reuse(dst_rows, static_cast<size_t>(Q)).data();
  for (int64_t q = 0; q < Q; ++q) slot_of[q] = slots(batches[q]), dst[q] = aliased ? q : slot_of[q];
  const at::Tensor target = aliased ? at::empty({Q, input.size(2), input.size(3)}, cache.options()) : cache;
  // phase 2: compute and write
  switch (cache.scalar_type()) {
    case at::kHalf: run<c10::Half>(input, weight, dst, table, batches.data(), ends.data(), Q, target, l, P); break;
    case at::kBFloat16:
      run<c10::BFloat16>(input, weight, dst, table, batches.data(), ends.data(), Q, target, l, P);
      break;
    case at::kFloat: run<float>(input, weight, dst, table, batches.data(), ends.data(), Q, target, l, P); break;
    default: TORCH_CHECK_TYPE(false, "unsupported dtype ", cache.scalar_type(), " (fp16, bf16 or fp32)");
  }
  if (aliased) {
    for (int64_t q = 0; q < Q; ++q) cache.select(0, slot_of[q]).copy_(target.select(0, q));
  }
}

// The value rules of nsa_fusion/_validation.py check_values, in its order: lengths in [0, capacity]
// for every row; for the rows whose window completes, slots in range, page ids in range, slots unique.
void check_values(const at::Tensor& input, const at::Tensor& block_table, const at::Tensor& seq_len,
                  const at::Tensor& slot_mapping, const at::Tensor& cache, int64_t l, int64_t d, int64_t P) {
  const Index lens(seq_len), slots(slot_mapping), table(block_table);
  const int64_t B = seq_len.size(0), capacity = block_table.size(1) * P;
  int64_t negative = -1, over = -1;
  for (int64_t b = 0; b < B; ++b) {
    const int64_t s = lens(b);
    if (s < 0 && negative < 0) negative = b;
    if (s > capacity && over < 0) over = b;
  }
  TORCH_CHECK_VALUE(negative < 0, "actual_seq_len must be >= 0, got actual_seq_len[", negative, "] = ",
                    negative < 0 ? 0 : lens(negative));
  TORCH_CHECK_VALUE(over < 0, "actual_seq_len[", over, "] = ", over < 0 ? 0 : lens(over),
                    " exceeds the block table's capacity max_pages * page_block_size = ", block_table.size(1), " * ",
                    P, " = ", capacity);
  static thread_local std::vector<int64_t> batches, ends;
  const int64_t Q = qualifying_rows(input, block_table, cache, lens, slots, table, B, l, d, P, batches, ends);
  if (Q == 0) return;
  static thread_local std::vector<int64_t> q_slots;
  int64_t* sorted = reuse(q_slots, static_cast<size_t>(Q)).data();
  for (int64_t q = 0; q < Q; ++q) sorted[q] = slots(batches[q]);
  std::sort(sorted, sorted + Q);
  for (int64_t q = 1; q < Q; ++q) {
    TORCH_CHECK_VALUE(sorted[q] != sorted[q - 1], "slot_mapping values of the rows whose window completes must "
                      "be unique; slot ", sorted[q], " appears more than once");
  }
  // A padding slot (a row that writes nothing) that names a written row: slot -1 is row num_slots - 1 to
  // Python indexing, so eager code that writes every row writes it twice (docs/contract.md, valid input).
  const int64_t S = cache.size(0);
  for (int64_t b = 0, q = 0; b < B; ++b) {
    if (q < Q && batches[q] == b) { ++q; continue; }
    const int64_t p = slots(b);
    if (p < -S || p >= S) continue;
    const int64_t row = p < 0 ? p + S : p;
    TORCH_CHECK_VALUE(!std::binary_search(sorted, sorted + Q, row), "slot_mapping[", b, "] = ", p,
                      " is a padding slot (its window does not complete) that names cache row ", row,
                      ", which another row writes: padding slots must not alias written rows");
  }
}

using OpFn = void(const at::Tensor&, const at::Tensor&, const at::Tensor&, const at::Tensor&, const at::Tensor&,
                  const at::Tensor&, int64_t, int64_t, int64_t);

const c10::TypedOperatorHandle<OpFn>& fused_op() {
  static const auto op =
      c10::Dispatcher::singleton().findSchemaOrThrow("nsa_fusion::compress_infer_", "").typed<OpFn>();
  return op;
}

// AutogradCPU: the op is not differentiable (it returns nothing); like a native in-place op it bumps
// the version counter of the tensor it mutates, then runs the kernels below autograd.
void compress_infer_autograd(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& slot_mapping,
                             const at::Tensor& block_table, const at::Tensor& seq_len, const at::Tensor& cache,
                             int64_t l, int64_t d, int64_t P) {
  {
    at::AutoDispatchBelowADInplaceOrView guard;
    fused_op().call(input, weight, slot_mapping, block_table, seq_len, cache, l, d, P);
  }
  cache.unsafeGetTensorImpl()->bump_version();
}

// Eager entry of nsa_fusion.compress_infer on CPU tensors: every check (values too when asked) before
// anything is written, then the op through the dispatcher.
void compress_checked_(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& slot_mapping,
                       const at::Tensor& block_table, const at::Tensor& seq_len, const at::Tensor& cache, int64_t l,
                       int64_t d, int64_t P, bool values) {
  check_signature(input, weight, slot_mapping, block_table, seq_len, cache, l, d, P);
  if (values && input.device().is_cpu()) check_values(input, block_table, seq_len, slot_mapping, cache, l, d, P);
  fused_op().call(input, weight, slot_mapping, block_table, seq_len, cache, l, d, P);
}

}  // namespace

TORCH_LIBRARY(nsa_fusion_native, m) {
  m.def("compress_(Tensor input, Tensor weight, Tensor slot_mapping, Tensor block_table, Tensor lengths, "
        "Tensor(a!) cache, int l, int d, int P) -> ()");
  // catch-all (CompositeImplicitAutograd): runs first, then calls nsa_fusion::compress_infer_
  m.def("compress_checked_(Tensor input, Tensor weight, Tensor slot_mapping, Tensor block_table, Tensor lengths, "
        "Tensor(a!) cache, int l, int d, int P, bool check_values) -> ()",
        &compress_checked_);
}

TORCH_LIBRARY_IMPL(nsa_fusion_native, CPU, m) { m.impl("compress_", &compress_infer_); }

// The op itself is defined in Python (nsa_fusion/ops.py); its CPU kernels live here.
TORCH_LIBRARY_IMPL(nsa_fusion, CPU, m) { m.impl("compress_infer_", &compress_infer_); }
TORCH_LIBRARY_IMPL(nsa_fusion, AutogradCPU, m) { m.impl("compress_infer_", &compress_infer_autograd); }
