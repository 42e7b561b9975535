import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/global.css';
import { registerServiceWorker } from './offline/register.ts';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
if (import.meta.env.PROD) registerServiceWorker();
export default mount(App, { target });
