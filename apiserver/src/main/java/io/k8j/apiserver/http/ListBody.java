package io.k8j.apiserver.http;

import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.EncodedList;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A list response assembled from its items' cached JSON, byte for byte what encoding the whole list object
 * writes, without decoding or re-encoding any item.
 */
final class ListBody {
    private ListBody() {
    }

    static byte[] encode(ResourceType type, EncodedList page) {
        // "items" is the list object's last field: its encoding with no items ends in []} and a newline
        byte[] empty = Responses.encode(ResourceHandler.listObject(type, List.of(), page.resourceVersion(), page.continueToken()));
        int size = empty.length + page.items().size();
        for (byte[] item : page.items()) {
            size += item.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        int itemsStart = empty.length - "]}\n".length();
        out.write(empty, 0, itemsStart);
        for (int i = 0; i < page.items().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(page.items().get(i));
        }
        out.write(empty, itemsStart, empty.length - itemsStart);
        return out.toByteArray();
    }
}
