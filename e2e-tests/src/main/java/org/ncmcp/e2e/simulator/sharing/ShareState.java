package org.ncmcp.e2e.simulator.sharing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shares of every user. Shares point at file ids of the shared file tree (files and folders alike).
 */
public final class ShareState {

    private final Map<Long, Share> shares = new ConcurrentHashMap<>();
    private final AtomicLong nextShareId = new AtomicLong(1);

    long nextId() {
        return nextShareId.getAndIncrement();
    }

    void put(Share share) {
        shares.put(share.id(), share);
    }

    Optional<Share> get(long id) {
        return Optional.ofNullable(shares.get(id));
    }

    boolean remove(long id) {
        return shares.remove(id) != null;
    }

    List<Share> all() {
        List<Share> result = new ArrayList<>(shares.values());
        result.sort(Comparator.comparingLong(Share::id));
        return result;
    }

    /** How many shares exist; for tests. */
    public int size() {
        return shares.size();
    }
}
