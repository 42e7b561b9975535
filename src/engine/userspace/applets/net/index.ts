/** The network applets and programs (importing registers them). */
import './httpd.ts';
import './wget.ts';
import './nc.ts';
import './ping.ts';
import './ifaces.ts';
import './curl.ts';
import './nginx.ts';
import './registry-server.ts';
