using System.Runtime.InteropServices;

namespace Express.Site.Steps.Write;

/// <summary>Whether this process may delete files in a folder, asked of the kernel without touching the folder.</summary>
internal static class FolderAccess
{
    private const int WriteAndSearch = 2 | 1; // W_OK | X_OK

    public static bool CanDeleteIn(string folder, out string reason)
    {
        reason = "";
        if (OperatingSystem.IsWindows()) return true; // no access(2); the delete after the swap warns if it fails
        if (Access(folder, WriteAndSearch) == 0) return true;
        reason = Marshal.GetLastPInvokeErrorMessage();
        return false;
    }

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
