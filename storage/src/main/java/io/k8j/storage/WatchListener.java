package io.k8j.storage;

import java.util.function.Consumer;

/**
 * A watch listener that also hears when the store ends the watch by itself: the listener fell too far
 * behind, the history it needs was compacted ({@link CompactedException}), or the backend failed. The
 * API server passes one of these to {@link Storage#watch} so it can end the client's stream (410 Gone,
 * or an error) and let the client relist. A plain {@code Consumer} is never told; its events just stop.
 */
public interface WatchListener extends Consumer<WatchEvent> {

    /** Called once, on the watch's delivery thread, after the last event; never after {@link WatchHandle#close()}. */
    void onTerminated(StorageException cause);

    static WatchListener of(Consumer<WatchEvent> onEvent, Consumer<StorageException> onTerminated) {
        return new WatchListener() {
            @Override
            public void accept(WatchEvent event) {
                onEvent.accept(event);
            }

            @Override
            public void onTerminated(StorageException cause) {
                onTerminated.accept(cause);
            }
        };
    }
}
