// Native CPU kernel of the NSA compression step (SPEC §2), registered as
// nsa_fusion_native::compress_ for the CPU dispatch key (TORCH_LIBRARY; loaded with
// torch.ops.load_library by nsa_fusion/lowering/native_kernel.py) and called by nsa_fusion::compress_infer_.
//
// For each batch b with s = seq_len[b] >= l and (s - l) % d == 0, for each head h:
//   acc = 0 (fp32); for j = 0 .. l-1 (in this order): p = s - l + j,
//     acc += float(weight[j, h]) * float(input[block_table[b, p / P], p % P, h, :])   (mul, then add)
//   cache[slot_mapping[b], h, :] = round_to_nearest_even(acc)
// Other batches touch nothing; no other cache row is read or written.
//
// Phase 1 finds the qualifying batches and bounds-checks every index they will dereference (slot,
// window capacity, page ids), throwing IndexError/ValueError before anything is written.  Phase 2 runs
// (qualifying batch, head) items with at::parallel_for.
//
// Bit-exactness: the D loop is vectorised with at::vec::Vectorized<float>, lane e of the vector doing
// exactly the scalar recurrence acc[e] = acc[e] + w * x[e] over j in order.  Must be compiled with
// -ffp-contract=off (no FMA contraction) and without -ffast-math (no reassociation).
// Arbitrary strides everywhere; the inner-dim fast path needs input.stride(3) == 1, otherwise a scalar
// loop with the same order is used.  The output row is rounded element by element with c10::Half /
// c10::BFloat16 conversions (round-to-nearest-even) and written with cache's strides.
#include <ATen/core/Tensor.h>
#include <torch/library.h>

#include <ATen/Parallel.h>
#include <ATen/cpu/vec/functional.h>
#include <ATen/cpu/vec/vec.h>
#include <c10/util/BFloat16.h>
#include <c10/util/Half.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace {

using Vec = at::vec::Vectorized<float>;
constexpr int64_t VS = Vec::size();
// accumulators kept in registers per block: 64 floats (8 ymm on AVX2, 4 zmm on AVX-512)
constexpr int KMAX = static_cast<int>(64 / VS) > 0 ? static_cast<int>(64 / VS) : 1;

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

// One (batch, head) item, D-block [e, e + K*VS): K accumulators stay in registers across the window.
template <typename T, int K>
inline void block(const T* const* rows, const float* w, int64_t l, int64_t e, float* acc) {
  Vec a[K];
  for (int k = 0; k < K; ++k) a[k] = Vec(0.f);
  for (int64_t j = 0; j < l; ++j) {
    const Vec wj(w[j]);
    const T* tok = rows[j] + e;
    for (int k = 0; k < K; ++k) a[k] = a[k] + wj * load_f(tok + k * VS);
  }
  for (int k = 0; k < K; ++k) a[k].store(acc + e + k * VS);
}

template <typename T, int K>
inline int64_t blocks(const T* const* rows, const float* w, int64_t l, int64_t e, int64_t D, float* acc) {
  for (; e + K * VS <= D; e += K * VS) block<T, K>(rows, w, l, e, acc);
  if constexpr (K > 1) e = blocks<T, K / 2>(rows, w, l, e, D, acc);
  return e;
}

template <typename T>
void run(const at::Tensor& input, const at::Tensor& weight, const Index& slots, const Index& table,
         const std::vector<int64_t>& batches, const std::vector<int64_t>& ends, const at::Tensor& cache, int64_t l,
         int64_t P) {
  const int64_t N = input.size(2), D = input.size(3);
  const int64_t is0 = input.stride(0), is1 = input.stride(1), is2 = input.stride(2), is3 = input.stride(3);
  const int64_t cs0 = cache.stride(0), cs1 = cache.stride(1), cs2 = cache.stride(2);
  const T* in = input.const_data_ptr<T>();
  T* out = cache.mutable_data_ptr<T>();
  // weight as fp32, head-major [N, l] (tiny)
  std::vector<float> w(static_cast<size_t>(N * l));
  {
    const T* wp = weight.const_data_ptr<T>();
    const int64_t ws0 = weight.stride(0), ws1 = weight.stride(1);
    for (int64_t h = 0; h < N; ++h)
      for (int64_t j = 0; j < l; ++j) w[h * l + j] = static_cast<float>(wp[j * ws0 + h * ws1]);
  }
  const int64_t Q = static_cast<int64_t>(batches.size());
  const int64_t work = std::max<int64_t>(1, l * D);
  const int64_t grain = std::max<int64_t>(1, 16384 / work);  // ~16K multiply-adds per task at least
  at::parallel_for(0, Q * N, grain, [&](int64_t begin, int64_t end) {
    std::vector<float> acc(static_cast<size_t>(D));
    std::vector<const T*> rows(static_cast<size_t>(l));
    int64_t row_q = -1;
    std::vector<int64_t> base(static_cast<size_t>(l));  // input offset of window token j, head 0
    for (int64_t item = begin; item < end; ++item) {
      const int64_t q = item / N, h = item % N;
      if (q != row_q) {
        const int64_t b = batches[q], s0 = ends[q] - l;
        for (int64_t j = 0; j < l; ++j) {
          const int64_t p = s0 + j;
          base[j] = table(b, p / P) * is0 + (p % P) * is1;
        }
        row_q = q;
      }
      const float* wh = w.data() + h * l;
      if (is3 == 1) {
        for (int64_t j = 0; j < l; ++j) rows[j] = in + base[j] + h * is2;
        const int64_t e = blocks<T, KMAX>(rows.data(), wh, l, 0, D, acc.data());
        if (e < D) {  // scalar tail (D not a multiple of the vector width), same order
          std::fill(acc.begin() + e, acc.end(), 0.f);
          for (int64_t j = 0; j < l; ++j) {
            const float wj = wh[j];
            const T* tok = rows[j];
            for (int64_t x = e; x < D; ++x) acc[x] = acc[x] + wj * static_cast<float>(tok[x]);
          }
        }
      } else {  // strided inner dim: scalar, same order
        std::fill(acc.begin(), acc.end(), 0.f);
        for (int64_t j = 0; j < l; ++j) {
          const float wj = wh[j];
          const T* tok = in + base[j] + h * is2;
          for (int64_t x = 0; x < D; ++x) acc[x] = acc[x] + wj * static_cast<float>(tok[x * is3]);
        }
      }
      T* dst = out + slots(batches[q]) * cs0 + h * cs1;
      if (cs2 == 1) {
        for (int64_t x = 0; x < D; ++x) dst[x] = static_cast<T>(acc[x]);
      } else {
        for (int64_t x = 0; x < D; ++x) dst[x * cs2] = static_cast<T>(acc[x]);
      }
    }
  });
}

void check_index_tensor(const at::Tensor& t, const char* name, int64_t dim) {
  TORCH_CHECK_VALUE(t.device().is_cpu(), name, " must be a CPU tensor");
  TORCH_CHECK_VALUE(t.scalar_type() == at::kInt || t.scalar_type() == at::kLong, name,
                    " must be int32 or int64, got ", t.scalar_type());
  TORCH_CHECK_VALUE(t.dim() == dim, name, " must have ", dim, " dims, got ", t.dim());
}

void compress_infer_(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& slot_mapping,
                     const at::Tensor& block_table, const at::Tensor& seq_len, const at::Tensor& cache, int64_t l,
                     int64_t d, int64_t P) {
  TORCH_CHECK_VALUE(input.dim() == 4, "input must be [block_num, page_block_size, N, D], got ", input.dim(), " dims");
  TORCH_CHECK_VALUE(weight.dim() == 2, "weight must be [l, N], got ", weight.dim(), " dims");
  TORCH_CHECK_VALUE(cache.dim() == 3, "cache must be [num_slots, N, D], got ", cache.dim(), " dims");
  TORCH_CHECK_VALUE(input.device().is_cpu() && weight.device().is_cpu() && cache.device().is_cpu(),
                    "input, weight and cache must be CPU tensors");
  TORCH_CHECK_VALUE(input.scalar_type() == cache.scalar_type() && weight.scalar_type() == cache.scalar_type(),
                    "input, weight and cache must share one dtype, got ", input.scalar_type(), ", ",
                    weight.scalar_type(), ", ", cache.scalar_type());
  check_index_tensor(slot_mapping, "slot_mapping", 1);
  check_index_tensor(block_table, "block_table", 2);
  check_index_tensor(seq_len, "actual_seq_len", 1);
  TORCH_CHECK_VALUE(l >= 1 && d >= 1, "compress_block_size and compress_stride must be >= 1, got ", l, ", ", d);
  TORCH_CHECK_VALUE(P >= 1 && input.size(1) == P, "page_block_size = ", P, " must equal input.shape[1] = ",
                    input.size(1));
  const int64_t N = input.size(2), D = input.size(3);
  TORCH_CHECK_VALUE(weight.size(0) == l && weight.size(1) == N, "weight must be [l, N] = [", l, ", ", N, "], got ",
                    weight.sizes());
  TORCH_CHECK_VALUE(cache.size(1) == N && cache.size(2) == D, "cache must be [num_slots, ", N, ", ", D, "], got ",
                    cache.sizes());
  const int64_t B = seq_len.size(0);
  TORCH_CHECK_VALUE(slot_mapping.size(0) == B && block_table.size(0) == B,
                    "slot_mapping, block_table and actual_seq_len must have B = ", B, " rows");
  const int64_t block_num = input.size(0), num_slots = cache.size(0), max_pages = block_table.size(1);
  const Index lens(seq_len), slots(slot_mapping), table(block_table);

  // phase 1: qualifying batches; bounds-check everything they will dereference
  std::vector<int64_t> batches, ends;
  for (int64_t b = 0; b < B; ++b) {
    const int64_t s = lens(b);
    if (s < l || (s - l) % d != 0) continue;
    TORCH_CHECK_VALUE(s <= max_pages * P, "actual_seq_len[", b, "] = ", s,
                      " exceeds the block table's capacity max_pages * page_block_size = ", max_pages * P);
    const int64_t slot = slots(b);
    TORCH_CHECK_INDEX(slot >= 0 && slot < num_slots, "slot_mapping[", b, "] = ", slot,
                      " is out of range for cache with ", num_slots, " slots");
    for (int64_t col = (s - l) / P; col <= (s - 1) / P; ++col) {
      const int64_t page = table(b, col);
      TORCH_CHECK_INDEX(page >= 0 && page < block_num, "block_table[", b, ", ", col, "] = ", page,
                        " is out of range: page ids must be in [0, block_num = ", block_num, ")");
    }
    batches.push_back(b);
    ends.push_back(s);
  }
  if (batches.empty() || N == 0 || D == 0) return;

  // phase 2: compute and write (GIL released inside run)
  switch (cache.scalar_type()) {
    case at::kHalf: run<c10::Half>(input, weight, slots, table, batches, ends, cache, l, P); break;
    case at::kBFloat16: run<c10::BFloat16>(input, weight, slots, table, batches, ends, cache, l, P); break;
    case at::kFloat: run<float>(input, weight, slots, table, batches, ends, cache, l, P); break;
    default: TORCH_CHECK_VALUE(false, "unsupported dtype ", cache.scalar_type(), " (fp16, bf16 or fp32)");
  }
}

}  // namespace

TORCH_LIBRARY(nsa_fusion_native, m) {
  m.def("compress_(Tensor input, Tensor weight, Tensor slot_mapping, Tensor block_table, Tensor lengths, "
        "Tensor(a!) cache, int l, int d, int P) -> ()");
}

TORCH_LIBRARY_IMPL(nsa_fusion_native, CPU, m) { m.impl("compress_", &compress_infer_); }
