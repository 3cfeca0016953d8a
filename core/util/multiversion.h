#pragma once

// RD_MULTIVERSION: a hot loop compiled for AVX-512, AVX2 and plain x86-64, the loader picking the
// best clone the CPU has (the build itself targets plain x86-64). GCC on x86-64 only; elsewhere the
// function is compiled once. Used by Adam's update, the fused BPR step and LightGCN's sparse
// product.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define RD_MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define RD_MULTIVERSION
#endif
