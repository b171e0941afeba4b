package weft.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that gives one process the peer's data directory: {@code node start} holds it while the peer runs,
 * and the commands that open the channels' ledgers themselves (chaincode, lifecycle) take it for their run, so
 * they refuse to touch a directory a running peer owns.
 */
final class DataLock implements AutoCloseable {

    static final String FILE = "weft-peer.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws LaunchException when another process (a running peer) holds the directory */
    static DataLock acquire(Path data) throws LaunchException {
        Path file = data.resolve(FILE);
        FileChannel channel;
        try {
            Files.createDirectories(data);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LaunchException("cannot lock the data directory " + data + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked
            }
            throw new LaunchException("a peer is running on the data directory " + data + " (it holds " + file
                    + "); stop it first, or give another --data. Commands that reach a running peer come with its "
                    + "network services");
        }
        return new DataLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            System.getLogger(DataLock.class.getName()).log(System.Logger.Level.WARNING,
                    "releasing the data directory lock failed: " + e.getMessage());
        }
    }
}
