package nl.accountlifecycle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ScheduledWorkTest {

    @Test
    @DisplayName("Given a run in progress, then close() returns only after it ended, and no run starts after")
    @Timeout(60)
    void closeWaitsForTheRunInProgress() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        List<String> cancelled = new CopyOnWriteArrayList<>();
        ScheduledWork work = new ScheduledWork("test", () -> {
            runs.incrementAndGet();
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add("run ended");
        }, () -> {
            cancelled.add("test");
            throw new IllegalStateException("the timer is gone at shutdown");
        });
        Thread timer = new Thread(work::runOnce);
        timer.start();
        entered.await();
        Thread closer = new Thread(() -> {
            work.close();
            order.add("closed");
        });
        closer.start();
        while (closer.isAlive() && closer.getState() != Thread.State.TIMED_WAITING && closer.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        assertTrue(closer.isAlive(), "close() waits while the run is in progress");
        release.countDown();
        closer.join();
        timer.join();
        assertEquals(List.of("run ended", "closed"), order);
        assertEquals(List.of("test"), cancelled, "the timer's task was cancelled, and its failure did not stop close()");
        work.runOnce();
        assertEquals(1, runs.get(), "a timer firing after close() runs nothing");
    }
}
