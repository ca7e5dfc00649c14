import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './diner.css';

// The page's one credential is in its own address: /o/<customer token>.
const token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const root = document.getElementById('root');
if (root) createRoot(root).render(<App token={token} />);
