import { createRoot } from 'react-dom/client';
import PublicRoute from './features/public/PublicRoute';
import './styles.css';

// `/public`'s own page (vite.public.config.ts builds it with Preact): an open page needs neither the access
// gate nor the router, so it renders the route at once, the same component the SPA's `/public` lazily shows.
createRoot(document.getElementById('root')!).render(<PublicRoute />);
