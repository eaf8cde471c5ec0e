/**
 * BitGo pages by pageNumber/pageSize only (no offset, no count). These pure
 * functions turn an absolute row window into the fewest page reads: one page
 * when some pageSize holds the whole window, else two consecutive pages of the
 * window's own size, which always cover it.
 */

export interface PageRead {
  pageNumber: number;
  pageSize: number;
}

export interface WindowPlan {
  reads: PageRead[];
  /** Absolute offset of the first row the reads return. */
  firstRowOffset: number;
}

/** How much larger than the window a single page may be before two exact pages are cheaper. */
const MAX_OVERFETCH = 4;

export function planWindow(start: number, count: number, maxPageSize: number): WindowPlan {
  if (!Number.isSafeInteger(start) || start < 0) throw new RangeError('start must be a non-negative integer');
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  if (count > maxPageSize) throw new RangeError('window larger than the largest page');
  const end = start + count - 1;
  const limit = Math.min(maxPageSize, count * MAX_OVERFETCH);
  for (let size = count; size <= limit; size++) {
    const page = Math.floor(start / size);
    if (Math.floor(end / size) === page) return { reads: [{ pageNumber: page, pageSize: size }], firstRowOffset: page * size };
  }
  const page = Math.floor(start / count);
  return {
    reads: [
      { pageNumber: page, pageSize: count },
      { pageNumber: page + 1, pageSize: count },
    ],
    firstRowOffset: page * count,
  };
}

export type FetchPage<T> = (read: PageRead) => Promise<readonly T[]>;

/**
 * The length of the list, found by galloping on pageNumber (first, first+1,
 * first+2, first+4, …) and then bisecting: O(log n) reads of `pageSize` rows,
 * none before page `firstPage`. When that page is already empty the answer is
 * only an upper bound (at most firstPage * pageSize), which is all a caller
 * reading from there needs. Every page read is kept in `seen` so the caller
 * can serve the last window without reading it again.
 */
export async function findTotal<T>(fetch: FetchPage<T>, pageSize: number, seen: Map<number, readonly T[]>, firstPage = 0): Promise<number> {
  const read = async (pageNumber: number): Promise<number> => {
    let rows = seen.get(pageNumber);
    if (!rows) {
      rows = await fetch({ pageNumber, pageSize });
      seen.set(pageNumber, rows);
    }
    return rows.length;
  };
  const first = await read(firstPage);
  if (first < pageSize) return firstPage * pageSize + first;
  let full = firstPage;
  let step = 1;
  let probe = firstPage + step;
  for (;;) {
    const n = await read(probe);
    if (n === pageSize) {
      full = probe;
      step *= 2;
      probe = firstPage + step;
      continue;
    }
    if (n > 0) return probe * pageSize + n;
    break;
  }
  // Page `full` is full and page `probe` is empty: bisect for the last non-empty page.
  let empty = probe;
  while (empty - full > 1) {
    const mid = Math.floor((full + empty) / 2);
    const n = await read(mid);
    if (n === pageSize) full = mid;
    else if (n === 0) empty = mid;
    else return mid * pageSize + n;
  }
  return (full + 1) * pageSize;
}
