/**
 * `printer:NAME` on Windows: the job goes to the spooler with the RAW datatype (OpenPrinter,
 * StartDocPrinter with "RAW", WritePrinter), so the printer gets the ESC/POS bytes untouched by any
 * driver. There is no native build step: PowerShell (in every Windows since 7) compiles a small
 * P/Invoke class from the script below on the fly.
 *
 * Nothing from the settings is ever part of a command line: the script travels base64-encoded
 * (`-EncodedCommand`, UTF-16LE as PowerShell wants it), the printer's name in the environment
 * variable TICKETRAIL_PRINTER and the job's bytes on stdin. A name with spaces, quotes, `$(…)` or
 * a leading "-" is only ever data, so no option or command can be injected.
 *
 * Like CUPS, the spooler cannot carry the printer's answer back: such jobs count as done when the
 * spooler accepted them (`confirmedBy: 'spooler'`). docs/printing.md, "Windows", says how to check
 * the helper on a Windows PC (none is available where TicketRail is developed).
 */
export const POWERSHELL = 'powershell.exe';
export const PRINTER_NAME_VARIABLE = 'TICKETRAIL_PRINTER';
/** Exit codes the scripts use, so a refusal reads as what it is. */
export const WINDOWS_SPOOLER_EXIT = { ok: 0, noSuchPrinter: 3, spoolerRefused: 4, incomplete: 5 } as const;

const P_INVOKE = `
Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class TicketRailRawPrinter {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOCINFO { public string pDocName; public string pOutputFile; public string pDatatype; }
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)]
  public static extern bool OpenPrinter(string name, out IntPtr handle, IntPtr defaults);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool ClosePrinter(IntPtr handle);
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)]
  public static extern int StartDocPrinter(IntPtr handle, int level, [In] DOCINFO info);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool EndDocPrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool StartPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool EndPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool WritePrinter(IntPtr handle, byte[] bytes, int count, out int written);
}
'@
`;

/** Sends stdin to the printer named in the environment, RAW. */
export const WINDOWS_RAW_PRINT_SCRIPT = `$ErrorActionPreference = 'Stop'
${P_INVOKE}
$name = $env:${PRINTER_NAME_VARIABLE}
$stdin = [Console]::OpenStandardInput()
$buffer = New-Object System.IO.MemoryStream
$stdin.CopyTo($buffer)
$bytes = $buffer.ToArray()
$handle = [IntPtr]::Zero
if (-not [TicketRailRawPrinter]::OpenPrinter($name, [ref]$handle, [IntPtr]::Zero)) {
  [Console]::Error.WriteLine("no printer named '$name' (Windows error " + [Runtime.InteropServices.Marshal]::GetLastWin32Error() + ")")
  exit ${WINDOWS_SPOOLER_EXIT.noSuchPrinter}
}
try {
  $doc = New-Object TicketRailRawPrinter+DOCINFO
  $doc.pDocName = 'TicketRail ticket'
  $doc.pDatatype = 'RAW'
  if ([TicketRailRawPrinter]::StartDocPrinter($handle, 1, $doc) -eq 0) {
    [Console]::Error.WriteLine("the spooler refused the job (Windows error " + [Runtime.InteropServices.Marshal]::GetLastWin32Error() + ")")
    exit ${WINDOWS_SPOOLER_EXIT.spoolerRefused}
  }
  [void][TicketRailRawPrinter]::StartPagePrinter($handle)
  $written = 0
  $ok = [TicketRailRawPrinter]::WritePrinter($handle, $bytes, $bytes.Length, [ref]$written)
  [void][TicketRailRawPrinter]::EndPagePrinter($handle)
  [void][TicketRailRawPrinter]::EndDocPrinter($handle)
  if (-not $ok -or $written -ne $bytes.Length) {
    [Console]::Error.WriteLine("the spooler took $written of $($bytes.Length) bytes")
    exit ${WINDOWS_SPOOLER_EXIT.incomplete}
  }
} finally {
  [void][TicketRailRawPrinter]::ClosePrinter($handle)
}
exit ${WINDOWS_SPOOLER_EXIT.ok}
`;

/** One line per printer: its status as the spooler knows it (Get-Printer). */
export const WINDOWS_PRINTER_STATUS_SCRIPT = `$ErrorActionPreference = 'Stop'
$printer = Get-Printer -Name $env:${PRINTER_NAME_VARIABLE} -ErrorAction SilentlyContinue
if ($null -eq $printer) { [Console]::Error.WriteLine("no printer named '$env:${PRINTER_NAME_VARIABLE}'"); exit ${WINDOWS_SPOOLER_EXIT.noSuchPrinter} }
[Console]::Out.WriteLine(($printer | Select-Object Name, PrinterStatus, PortName, DriverName | ConvertTo-Json -Compress))
`;

/** Every printer the spooler has, as JSON (Get-Printer): Settings list them for printer:NAME. */
export const WINDOWS_LIST_PRINTERS_SCRIPT = `$ErrorActionPreference = 'Stop'
[Console]::Out.WriteLine((@(Get-Printer | Select-Object Name, PortName, DriverName, PrinterStatus) | ConvertTo-Json -Compress))
`;

export interface Invocation {
  command: string;
  args: string[];
  /** Added to the environment of the child. */
  env: Record<string, string>;
}

/** How PowerShell runs `script` with `printerName` as data (never as part of the command line). */
export function powershellInvocation(script: string, printerName?: string, command = POWERSHELL): Invocation {
  return {
    command,
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')],
    env: printerName === undefined ? {} : { [PRINTER_NAME_VARIABLE]: printerName },
  };
}
