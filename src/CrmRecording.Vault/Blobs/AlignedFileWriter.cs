using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CrmRecording.Vault.Blobs;

/// <summary>
/// Appends to a file in direct I/O: bytes gather in two block-aligned buffers, and while one is being written to the
/// disk the other fills. The tail is written padded to the block and the file then cut to its true length.
/// </summary>
internal sealed class AlignedFileWriter(SafeFileHandle file)
{
    private const int BufferSize = 1024 * 1024;

    private readonly Memory<byte>[] _buffers = [Aligned(), Aligned()];
    private readonly Task[] _writing = [Task.CompletedTask, Task.CompletedTask];
    private int _current;
    private int _filled;
    private long _offset;

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            if (_filled == 0)
            {
                // The buffer about to fill may still be on its way to the disk.
                await _writing[_current].ConfigureAwait(false);
            }

            var take = Math.Min(data.Length, BufferSize - _filled);
            data[..take].CopyTo(_buffers[_current][_filled..]);
            _filled += take;
            data = data[take..];
            if (_filled == BufferSize)
            {
                _writing[_current] = RandomAccess.WriteAsync(file, _buffers[_current], _offset, cancellationToken).AsTask();
                _offset += BufferSize;
                _filled = 0;
                _current ^= 1;
            }
        }
    }

    /// <summary>Writes what is left and waits for every write: the file then holds exactly the bytes appended.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_writing).ConfigureAwait(false);
        if (_filled > 0)
        {
            var padded = (_filled + LinuxDirectIo.Alignment - 1) / LinuxDirectIo.Alignment * LinuxDirectIo.Alignment;
            _buffers[_current].Span[_filled..padded].Clear();
            await RandomAccess.WriteAsync(file, _buffers[_current][..padded], _offset, cancellationToken).ConfigureAwait(false);
            _offset += _filled;
            _filled = 0;
            RandomAccess.SetLength(file, _offset);
        }
    }

    /// <summary>Waits for writes still running, whatever their outcome, so the file can be closed under none.</summary>
    public async Task AbandonAsync()
    {
        foreach (var write in _writing)
        {
            try
            {
                await write.ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Already reported to the write that found it; the upload is being abandoned anyway.
            }
            catch (OperationCanceledException)
            {
                // As above.
            }
        }
    }

    private static Memory<byte> Aligned()
    {
        // On the pinned heap the array never moves, so the aligned slice stays aligned for the kernel.
        var array = GC.AllocateUninitializedArray<byte>(BufferSize + LinuxDirectIo.Alignment, pinned: true);
        var misalignment = (int)(Marshal.UnsafeAddrOfPinnedArrayElement(array, 0) % LinuxDirectIo.Alignment);
        return array.AsMemory((LinuxDirectIo.Alignment - misalignment) % LinuxDirectIo.Alignment, BufferSize);
    }
}
