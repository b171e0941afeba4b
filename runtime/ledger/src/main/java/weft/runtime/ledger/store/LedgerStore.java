package weft.runtime.ledger.store;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;

/**
 * One channel's LevelDB (leveldbjni): world state, block and transaction indexes, key history and the
 * checkpoint, under distinct key prefixes, so that everything derived from one block is written in one atomic
 * batch. The block files stay the source of truth; this store can always be rebuilt from them.
 */
public final class LedgerStore implements StoreReader, AutoCloseable {

    private final Path directory;
    private final DB db;

    private LedgerStore(Path directory, DB db) {
        this.directory = directory;
        this.db = db;
    }

    public static LedgerStore open(Path directory) throws LedgerStoreException {
        Options options = new Options().createIfMissing(true).paranoidChecks(true);
        try {
            File dir = directory.toFile();
            if (!dir.isDirectory() && !dir.mkdirs()) {
                throw new LedgerStoreException("cannot create " + directory);
            }
            return new LedgerStore(directory, JniDBFactory.factory.open(dir, options));
        } catch (IOException | RuntimeException e) {
            throw new LedgerStoreException("cannot open the LevelDB at " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> get(byte[] key) throws LedgerStoreException {
        return get(key, new ReadOptions());
    }

    private Optional<byte[]> get(byte[] key, ReadOptions options) throws LedgerStoreException {
        try {
            return Optional.ofNullable(db.get(key, options));
        } catch (RuntimeException e) {
            throw new LedgerStoreException("LevelDB read failed in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Visits the entries from {@code from} (inclusive) to {@code to} (exclusive) in key order while the visitor
     * returns true.
     */
    @Override
    public void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) throws LedgerStoreException {
        scan(from, to, visitor, new ReadOptions());
    }

    private void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor, ReadOptions options)
            throws LedgerStoreException {
        try (DBIterator iterator = db.iterator(options)) {
            for (iterator.seek(from); iterator.hasNext(); ) {
                var entry = iterator.next();
                if (Keys.compare(entry.getKey(), to) >= 0 || !visitor.test(entry.getKey(), entry.getValue())) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new LedgerStoreException("LevelDB scan failed in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Writes a batch atomically: after a crash either all of it or none of it is there. */
    public void write(Batch batch) throws LedgerStoreException {
        try (WriteBatch writes = db.createWriteBatch()) {
            batch.forEach((key, value) -> {
                if (value == null) {
                    writes.delete(key);
                } else {
                    writes.put(key, value);
                }
            });
            db.write(writes, new WriteOptions().sync(false));
        } catch (IOException | RuntimeException e) {
            throw new LedgerStoreException("LevelDB write failed in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * A read view frozen at this moment: LevelDB's snapshot. Every batch is written atomically, so the view holds
     * either all or none of each block's changes, and commits go on while it is open. Close it when done.
     */
    public Snapshot snapshot() throws LedgerStoreException {
        try {
            return new Snapshot(db.getSnapshot());
        } catch (RuntimeException e) {
            throw new LedgerStoreException("LevelDB snapshot failed in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Reads of the store as of the moment {@link #snapshot()} was called. */
    public final class Snapshot implements StoreReader, AutoCloseable {

        private final org.iq80.leveldb.Snapshot snapshot;
        private final ReadOptions options;

        private Snapshot(org.iq80.leveldb.Snapshot snapshot) {
            this.snapshot = snapshot;
            this.options = new ReadOptions().snapshot(snapshot);
        }

        @Override
        public Optional<byte[]> get(byte[] key) throws LedgerStoreException {
            return LedgerStore.this.get(key, options);
        }

        @Override
        public void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) throws LedgerStoreException {
            LedgerStore.this.scan(from, to, visitor, options);
        }

        @Override
        public void close() {
            try {
                snapshot.close();
            } catch (IOException | RuntimeException e) {
                System.getLogger(LedgerStore.class.getName()).log(System.Logger.Level.WARNING,
                        "releasing a LevelDB snapshot of " + directory + " failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws LedgerStoreException {
        try {
            db.close();
        } catch (IOException e) {
            throw new LedgerStoreException("closing the LevelDB at " + directory + " failed: " + e.getMessage(), e);
        }
    }
}
