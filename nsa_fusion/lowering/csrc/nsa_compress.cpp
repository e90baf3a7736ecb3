// Native CPU kernel of the NSA compression step (SPEC §2), registered as
// nsa_fusion_native::compress_ for the CPU dispatch key and called by nsa_fusion::compress_infer_.
//
// Only qualifying batches (s >= l and (s - l) % d == 0) are touched.  Phase 1 validates every index
// the kernel will dereference (slots, lengths vs. capacity, page ids of each window) and throws
// before anything is written; phase 2 runs (qualifying batch, head) items in parallel: the l tokens of
// the window are read once (from however many pages they span), accumulated in fp32 in window order
// (j = 0 .. l-1, product rounded before the add: built with -ffp-contract=off), and rounded once
// (round-to-nearest-even) into one cache row.  Arbitrary strides for input, weight and cache.
#include <ATen/Parallel.h>
#include <ATen/core/Tensor.h>
#include <c10/util/BFloat16.h>
#include <c10/util/Half.h>
#include <torch/library.h>

#include <cstdint>
#include <vector>

#if defined(__AVX2__) && defined(__F16C__)
#include <immintrin.h>
#define NSA_AVX2 1
#endif

namespace {

int64_t read_index(const at::Tensor& t, int64_t i, int64_t j = -1) {
  const int64_t off = j < 0 ? i * t.stride(0) : i * t.stride(0) + j * t.stride(1);
  if (t.scalar_type() == at::kInt) return t.const_data_ptr<int32_t>()[off];
  return t.const_data_ptr<int64_t>()[off];
}

#ifdef NSA_AVX2
// 8 lanes of T -> fp32 (exact widening)
inline __m256 load8(const c10::Half* p) {
  return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}
inline __m256 load8(const c10::BFloat16* p) {
  const __m256i wide = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
  return _mm256_castsi256_ps(_mm256_slli_epi32(wide, 16));
}
inline __m256 load8(const float* p) { return _mm256_loadu_ps(p); }

// acc[0:64) over the window for one (batch, head) and a 64-wide slice of D: 8 ymm accumulators stay in
// registers across j.  mul then add (no FMA): identical to the scalar order, lane by lane.
template <typename T>
inline void window_block64(const T* in, const int64_t* row_offset, const float* w, int64_t l, int64_t N, int64_t h,
                           int64_t e0, float* acc) {
  __m256 a[8];
  for (int k = 0; k < 8; ++k) a[k] = _mm256_setzero_ps();
  for (int64_t j = 0; j < l; ++j) {
    const __m256 wj = _mm256_set1_ps(w[j * N + h]);
    const T* tok = in + row_offset[j] + e0;
    for (int k = 0; k < 8; ++k) a[k] = _mm256_add_ps(a[k], _mm256_mul_ps(wj, load8(tok + 8 * k)));
  }
  for (int k = 0; k < 8; ++k) _mm256_storeu_ps(acc + e0 + 8 * k, a[k]);
}
#endif

template <typename T>
void run(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& slots, const at::Tensor& table,
         const std::vector<int64_t>& batches, const std::vector<int64_t>& ends, at::Tensor& cache, int64_t l,
         int64_t P) {
  const int64_t N = input.size(2), D = input.size(3);
  const int64_t is0 = input.stride(0), is1 = input.stride(1), is2 = input.stride(2), is3 = input.stride(3);
  const int64_t cs0 = cache.stride(0), cs1 = cache.stride(1), cs2 = cache.stride(2);
  const T* in = input.const_data_ptr<T>();
  T* out = cache.mutable_data_ptr<T>();
  // weight as fp32 [l, N] (tiny: l * N floats)
  std::vector<float> w(l * N);
  const T* wp = weight.const_data_ptr<T>();
  for (int64_t j = 0; j < l; ++j)
    for (int64_t h = 0; h < N; ++h) w[j * N + h] = static_cast<float>(wp[j * weight.stride(0) + h * weight.stride(1)]);
  const int64_t Q = static_cast<int64_t>(batches.size());
  at::parallel_for(0, Q * N, 1, [&](int64_t begin, int64_t end) {
    std::vector<float> acc(D);
    std::vector<int64_t> row_offset(l);
    for (int64_t item = begin; item < end; ++item) {
      const int64_t q = item / N, h = item % N, b = batches[q], s = ends[q];
      for (int64_t j = 0; j < l; ++j) {
        const int64_t p = s - l + j;
        row_offset[j] = read_index(table, b, p / P) * is0 + (p % P) * is1 + h * is2;
      }
      int64_t e0 = 0;
#ifdef NSA_AVX2
      if (is3 == 1)
        for (; e0 + 64 <= D; e0 += 64) window_block64(in, row_offset.data(), w.data(), l, N, h, e0, acc.data());
#endif
      std::fill(acc.begin() + e0, acc.end(), 0.f);
      for (int64_t j = 0; j < l; ++j) {
        const float wj = w[j * N + h];
        const T* tok = in + row_offset[j];
        for (int64_t e = e0; e < D; ++e) acc[e] += wj * static_cast<float>(tok[e * is3]);
      }
      T* dst = out + read_index(slots, b) * cs0 + h * cs1;
      for (int64_t e = 0; e < D; ++e) dst[e * cs2] = static_cast<T>(acc[e]);
    }
  });
}

void compress_(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& slots, const at::Tensor& table,
               const at::Tensor& lengths, at::Tensor cache, int64_t l, int64_t d, int64_t P) {
  TORCH_CHECK(input.dim() == 4 && cache.dim() == 3 && weight.dim() == 2, "nsa_fusion_native: bad ranks");
  TORCH_CHECK(input.scalar_type() == cache.scalar_type() && weight.scalar_type() == cache.scalar_type(),
              "nsa_fusion_native: dtype mismatch");
  for (const at::Tensor* t : {&slots, &table, &lengths})
    TORCH_CHECK(t->scalar_type() == at::kInt || t->scalar_type() == at::kLong, "nsa_fusion_native: index dtype");
  const int64_t B = lengths.size(0), block_num = input.size(0), num_slots = cache.size(0);
  const int64_t max_pages = table.size(1);
  // phase 1: find the qualifying batches and validate everything they will touch
  std::vector<int64_t> batches, ends;
  for (int64_t b = 0; b < B; ++b) {
    const int64_t s = read_index(lengths, b);
    if (s < l || (s - l) % d != 0) continue;
    TORCH_CHECK_VALUE(s <= max_pages * P, "actual_seq_len[", b, "] = ", s,
                      " exceeds the block table's capacity max_pages * page_block_size = ", max_pages * P);
    const int64_t slot = read_index(slots, b);
    TORCH_CHECK_INDEX(slot >= 0 && slot < num_slots, "slot_mapping[", b, "] = ", slot,
                      " is out of range for cache with ", num_slots, " slots");
    for (int64_t col = (s - l) / P; col <= (s - 1) / P; ++col) {
      const int64_t page = read_index(table, b, col);
      TORCH_CHECK_INDEX(page >= 0 && page < block_num, "block_table[", b, ", ", col, "] = ", page,
                        " is out of range: page ids must be in [0, block_num = ", block_num, ")");
    }
    batches.push_back(b);
    ends.push_back(s);
  }
  if (batches.empty()) return;
  // phase 2: compute and write
  switch (cache.scalar_type()) {
    case at::kHalf: run<c10::Half>(input, weight, slots, table, batches, ends, cache, l, P); break;
    case at::kBFloat16: run<c10::BFloat16>(input, weight, slots, table, batches, ends, cache, l, P); break;
    case at::kFloat: run<float>(input, weight, slots, table, batches, ends, cache, l, P); break;
    default: TORCH_CHECK(false, "nsa_fusion_native: unsupported dtype ", cache.scalar_type());
  }
}

}  // namespace

TORCH_LIBRARY(nsa_fusion_native, m) {
  m.def("compress_(Tensor input, Tensor weight, Tensor slot_mapping, Tensor block_table, Tensor lengths, "
        "Tensor(a!) cache, int l, int d, int P) -> ()");
}

TORCH_LIBRARY_IMPL(nsa_fusion_native, CPU, m) { m.impl("compress_", &compress_); }
