/* For the Wine tests only, never shipped. Rust's standard library draws random numbers from
 * ProcessPrng in bcryptprimitives.dll, which every Windows 10 and 11 has and Wine 8.0 (Debian 12)
 * lacks: without it no Rust program starts under that Wine. This stand-in answers with
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
