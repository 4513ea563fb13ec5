using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CrmRecording.Vault.Blobs;

/// <summary>
/// Starts the kernel writing a file's dirty pages to disk without waiting (Linux <c>sync_file_range</c>),
/// so the fsync at commit finds little left to do and encryption overlaps with disk writes.
/// </summary>
internal static partial class LinuxWriteback
{
    private const int SyncFileRangeWrite = 2;

    public static void Start(SafeFileHandle file, long offset, long length)
    {
        if (OperatingSystem.IsLinux())
        {
            // Advisory: a failure only means the final fsync does all the work.
            _ = SyncFileRange(file, offset, length, SyncFileRangeWrite);
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(SafeFileHandle fd, long offset, long nbytes, int flags);
}
