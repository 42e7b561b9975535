/**
 * ip addr / ifconfig / nslookup: the container's interfaces and its view of
 * DNS, as BusyBox prints them. Counters are zero (no packets are simulated).
 */
import { defineApplet } from '../registry.ts';
import type { NetInterface } from '../../net/net.ts';
import { netOf } from './common.ts';
import { intToDotted, maskOf } from './addr.ts';

function broadcast(i: NetInterface): string {
  const bits = 32 - i.prefixLen;
  const ip = i.ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
  return intToDotted(Math.floor(ip / 2 ** bits) * 2 ** bits + 2 ** bits - 1);
}

function ipAddr(ifaces: readonly NetInterface[]): string {
  return ifaces
    .map((i) => {
      if (i.name === 'lo') {
        return `${i.index}: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n`;
      }
      const peer = i.name.startsWith('eth') ? `@if${i.index + 1}` : '';
      return `${i.index}: ${i.name}${peer}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu ${i.mtu} qdisc noqueue state UP \n    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff\n    inet ${i.ip}/${i.prefixLen} brd ${broadcast(i)} scope global ${i.name}\n       valid_lft forever preferred_lft forever\n`;
    })
    .join('');
}

function ifconfigBlock(i: NetInterface): string {
  const counters = '          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n';
  if (i.name === 'lo') {
    return `lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          inet6 addr: ::1/128 Scope:Host\n          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n${counters}          collisions:0 txqueuelen:1000 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n`;
  }
  return `${i.name.padEnd(10)}Link encap:Ethernet  HWaddr ${i.mac.toUpperCase()}  \n          inet addr:${i.ip}  Bcast:${broadcast(i)}  Mask:${maskOf(i.prefixLen)}\n          UP BROADCAST RUNNING MULTICAST  MTU:${i.mtu}  Metric:1\n${counters}          collisions:0 txqueuelen:0 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n`;
}

export const ip = defineApplet('ip', async (io, argv) => {
  const [obj = '', verb = ''] = argv.slice(1);
  const ifaces = netOf(io).interfaces();
  if (/^a(d(d(r(e(s(s)?)?)?)?)?)?$/.test(obj) && (verb === '' || verb === 'show' || verb === 'list')) {
    await io.out(ipAddr(ifaces));
    return 0;
  }
  if (/^r(o(u(t(e)?)?)?)?$/.test(obj)) {
    const eth = ifaces.find((i) => i.name === 'eth0');
    if (eth) {
      const net = maskNetwork(eth.ip, eth.prefixLen);
      const gw = intToDotted(net.split('.').reduce((a, p) => a * 256 + Number(p), 0) + 1);
      await io.out(`default via ${gw} dev eth0 \n${net}/${eth.prefixLen} dev eth0 scope link  src ${eth.ip} \n`);
    }
    return 0;
  }
  if (/^l(i(n(k)?)?)?$/.test(obj)) {
    await io.out(ipAddr(ifaces).split('\n').filter((l) => !l.includes('inet') && !l.includes('valid_lft')).join('\n'));
    return 0;
  }
  await io.usage();
  return 1;
});

function maskNetwork(ip: string, len: number): string {
  const n = ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
  const bits = 32 - len;
  return intToDotted(Math.floor(n / 2 ** bits) * 2 ** bits);
}

export const ifconfig = defineApplet('ifconfig', async (io, argv) => {
  const ifaces = [...netOf(io).interfaces()].sort((a, b) => (a.name === 'lo' ? 1 : b.name === 'lo' ? -1 : a.name < b.name ? -1 : 1));
  const want = argv[1];
  const shown = want && want !== '-a' ? ifaces.filter((i) => i.name === want) : ifaces;
  if (want && want !== '-a' && shown.length === 0) {
    await io.err(`${want}: error fetching interface information: Device not found`);
    return 1;
  }
  await io.out(shown.map(ifconfigBlock).join(''));
  return 0;
});

export const nslookup = defineApplet('nslookup', async (io, argv) => {
  const name = argv.slice(1).find((a) => !a.startsWith('-'));
  if (name === undefined) {
    await io.usage();
    return 1;
  }
  const net = netOf(io);
  const server = net.nameserver;
  if (server !== '127.0.0.11') {
    // The default bridge uses the host's resolvers, which reach no internet in Layerlab.
    await io.out(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  await io.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  const ip = /^\d+\.\d+\.\d+\.\d+$/.test(name) ? null : net.resolve(name);
  if (ip === null) {
    await io.out(`** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  await io.out(`Non-authoritative answer:\nName:\t${name}\nAddress: ${ip}\n\n`);
  return 0;
});
