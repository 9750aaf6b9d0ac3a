/**
 * This process at the lowest CPU priority, every thread of it (Linux: each thread has its own nice value;
 * V8's and libuv's helper threads started before this call keep theirs unless set one by one, and threads
 * started after it inherit the main thread's). For work that, in AWS, runs on other hardware than the
 * public functions (the admin functions; an administrator's browser): on a machine whose cores are shared,
 * the OS then gives newcomers' requests the CPU first. Elsewhere the process keeps the normal priority.
 */
import { readdirSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

export function yieldCpuToPublicRoutes(): void {
  try {
    for (const tid of readdirSync('/proc/self/task'))
      setPriority(Number(tid), constants.priority.PRIORITY_LOW);
  } catch {
    try {
      setPriority(constants.priority.PRIORITY_LOW); // not Linux: the process as the OS defines it
    } catch {
      // not permitted: the normal priority
    }
  }
}
