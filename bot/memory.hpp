// Process-wide malloc tuning, called once at the start of main (the bot's and the
// benchmarks', so they measure what runs).
#pragma once

#include <malloc.h>

namespace planbot::bot {

// By default glibc hands freed memory at the top of the heap back to the kernel as soon
// as 128 KiB are free, so every command that builds and drops a few hundred KiB of
// vectors (an /oppgaver over thousands of tasks) shrinks the heap with brk and grows it
// again. On a virtual machine each shrink flushes the TLB: measured with bench_tasks,
// /oppgaver took 1.0-1.6 ms median with the default and 0.36 ms with this. Keeping up to
// 32 MiB of freed heap costs at most that much resident memory.
inline void keep_freed_memory() {
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
}

}  // namespace planbot::bot
