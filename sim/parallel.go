package sim

import (
	"runtime"
	"sync"
)

// ForEach calls f(0) ... f(count-1) on workers goroutines (0: one per core)
// and returns the error of the lowest index that failed. Proofs of one
// Network may run at once: what they build lazily is built once. Callers
// keep results by index, so output does not depend on the number of
// workers. step, if not nil, is called after each f, from one goroutine at
// a time.
func ForEach(count, workers int, f func(i int) error, step func()) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, count)
	jobs := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range min(workers, max(count, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				errs[i] = f(i)
				done <- struct{}{}
			}
		}()
	}
	go func() {
		for i := range count {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(done)
	}()
	for range done {
		if step != nil {
			step()
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
