/**
 * What to tell the user when the server cannot listen: the variable to change depends on why. A
 * host name that does not resolve, or an address this machine does not have, is HOST's fault;
 * a port in use or one the user may not bind is the port variable's.
 */
export function listenHelp(err: unknown, host: string, port: number, portVariable: string): string {
  const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  const where = `Jalon cannot listen on ${host}:${port} (${code})`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return `${where}: HOST "${host}" does not resolve to an address; set HOST to an address or name of this machine (127.0.0.1 for this machine only, 0.0.0.0 for every interface).`;
  if (code === 'EADDRNOTAVAIL')
    return `${where}: ${host} is not an address of this machine; set HOST to one of its addresses (127.0.0.1 for this machine only, 0.0.0.0 for every interface).`;
  return `${where}; set ${portVariable} to a free port (0 picks one).`;
}
