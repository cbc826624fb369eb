// What JupyterLab loads (styleModule): every stylesheet of the extension.
import './base.css';
import './admin.css';
import './partnerships.css';
import './training.css';
import './feedback.css';
