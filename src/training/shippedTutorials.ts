// Generated from tutorials/*.md by `npm --prefix server run tutorials:bundle`; do not edit.
import type { ITutorial } from './types';

/** The shipped tutorials, compiled: the panel shows them when the service is down. */
export const SHIPPED_TUTORIALS: ITutorial[] = [
  {
    id: 'first-python-notebook',
    version: '2026.11.1',
    title: {
      en: 'Your first Python notebook',
      es: 'Tu primer notebook de Python'
    },
    languages: ['en', 'es'],
    kernels: ['python3'],
    minutes: 15,
    audience: 'member',
    prerequisites: [],
    objectives: {
      en: [
        'Create a notebook with a Python kernel',
        'Run a code cell and read its output',
        'Keep a value in the kernel and save your work'
      ],
      es: [
        'Crear un notebook con un kernel de Python',
        'Ejecutar una celda de código y leer su salida',
        'Guardar un valor en el kernel y guardar tu trabajo'
      ]
    },
    source: 'first-python-notebook.md',
    steps: [
      {
        id: 'create-notebook',
        title: { en: 'Create a notebook', es: 'Crea un notebook' },
        hints: [
          {
            en: 'Open the Launcher with the "+" button above the file browser.',
            es: 'Abre el Lanzador con el botón "+" encima del explorador de archivos.'
          },
          {
            en: 'In the Launcher, click "Python 3 (ipykernel)" under "Notebook".',
            es: 'En el Lanzador, haz clic en "Python 3 (ipykernel)" debajo de "Notebook".'
          }
        ],
        solution: {
          en: 'File → New → Notebook, then pick the "Python 3 (ipykernel)" kernel.',
          es: 'Archivo → Nuevo → Notebook y elige el kernel "Python 3 (ipykernel)".'
        },
        showMe: [
          { command: 'notebook:create-new', args: { kernelName: 'python3' } }
        ],
        check: { type: 'widget', className: 'jp-NotebookPanel' },
        text: {
          en: 'A **notebook** mixes code, its results and your notes in one document. Create a new\nnotebook that uses the **Python 3** kernel and keep it open in front of you.',
          es: 'Un **notebook** reúne código, sus resultados y tus notas en un solo documento. Crea un\nnotebook nuevo que use el kernel **Python 3** y déjalo abierto delante de ti.'
        }
      },
      {
        id: 'run-cell',
        title: { en: 'Run a cell', es: 'Ejecuta una celda' },
        hints: [
          {
            en: 'Click in the first cell and type print("Hello, Catalyst").',
            es: 'Haz clic en la primera celda y escribe print("Hello, Catalyst").'
          },
          {
            en: 'Press Shift+Enter to run the cell.',
            es: 'Pulsa Mayús+Intro para ejecutar la celda.'
          }
        ],
        solution: {
          en: 'Type print("Hello, Catalyst") in a code cell and press Shift+Enter.',
          es: 'Escribe print("Hello, Catalyst") en una celda de código y pulsa Mayús+Intro.'
        },
        showMe: [{ command: 'notebook:run-cell-and-select-next' }],
        check: {
          type: 'all',
          checks: [
            { type: 'cell-executed' },
            { type: 'output-matches', regex: 'Hello,? Catalyst' }
          ]
        },
        text: {
          en: 'Type `print("Hello, Catalyst")` in a code cell and run it with **Shift+Enter**.\nThe text appears below the cell: that is the cell\'s **output**.',
          es: 'Escribe `print("Hello, Catalyst")` en una celda de código y ejecútala con **Mayús+Intro**.\nEl texto aparece debajo de la celda: es la **salida** de la celda.'
        }
      },
      {
        id: 'keep-a-value',
        title: {
          en: 'Keep a value in the kernel',
          es: 'Guarda un valor en el kernel'
        },
        hints: [
          {
            en: 'In a new cell, write answer = 6 * 7 and run it.',
            es: 'En una celda nueva, escribe answer = 6 * 7 y ejecútala.'
          }
        ],
        solution: {
          en: 'Run a cell containing answer = 6 * 7.',
          es: 'Ejecuta una celda que contenga answer = 6 * 7.'
        },
        check: { type: 'kernel', python: "globals().get('answer') == 42" },
        showMe: [],
        text: {
          en: 'The **kernel** remembers what your cells define. Create a variable named `answer` that\nholds `6 * 7` and run the cell. The check asks your kernel, without changing anything.',
          es: 'El **kernel** recuerda lo que definen tus celdas. Crea una variable llamada `answer` que\nvalga `6 * 7` y ejecuta la celda. La comprobación pregunta a tu kernel sin cambiar nada.'
        }
      },
      {
        id: 'save-notebook',
        title: { en: 'Save it with a name', es: 'Guárdalo con un nombre' },
        hints: [
          {
            en: 'Right-click the notebook\'s tab and choose "Rename Notebook…".',
            es: 'Haz clic derecho en la pestaña del notebook y elige "Renombrar notebook…".'
          }
        ],
        solution: {
          en: 'Rename the notebook to first-notebook.ipynb in your home folder.',
          es: 'Cambia el nombre del notebook a first-notebook.ipynb en tu carpeta personal.'
        },
        showMe: [{ command: 'docmanager:rename' }],
        check: { type: 'file', path: 'first-notebook.ipynb' },
        text: {
          en: 'Give your work a name: rename the notebook to `first-notebook.ipynb` in your home folder.',
          es: 'Ponle nombre a tu trabajo: cambia el nombre del notebook a `first-notebook.ipynb` en tu\ncarpeta personal.'
        }
      },
      {
        id: 'execution-count',
        title: {
          en: "Read the cell's number",
          es: 'Lee el número de la celda'
        },
        check: {
          type: 'quiz',
          question: {
            en: 'What does the number in [1]: next to a cell tell you?',
            es: '¿Qué te dice el número en [1]: junto a una celda?'
          },
          options: [
            {
              id: 'order',
              correct: true,
              text: {
                en: 'The order in which cells were run',
                es: 'El orden en que se ejecutaron las celdas'
              },
              feedback: {
                en: 'Right. Cells run in the order you run them, not the order on the page.',
                es: 'Correcto. Las celdas se ejecutan en el orden en que las ejecutas, no en el de la página.'
              }
            },
            {
              id: 'position',
              text: {
                en: "The cell's position in the notebook",
                es: 'La posición de la celda en el notebook'
              },
              feedback: {
                en: 'Not quite. Move a cell and its number stays; run it again and the number changes.',
                es: 'No exactamente. Si mueves una celda su número no cambia; si la vuelves a ejecutar, sí.'
              }
            },
            {
              id: 'lines',
              text: {
                en: 'How many lines the cell has',
                es: 'Cuántas líneas tiene la celda'
              },
              feedback: {
                en: 'No. Try running the same cell twice and watch the number.',
                es: 'No. Prueba a ejecutar la misma celda dos veces y observa el número.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: 'Look at the number in square brackets to the left of the cells you ran.',
          es: 'Mira el número entre corchetes a la izquierda de las celdas que ejecutaste.'
        }
      },
      {
        id: 'wrap-up',
        title: { en: 'What you can do now', es: 'Lo que ya sabes hacer' },
        check: { type: 'self-report' },
        hints: [],
        showMe: [],
        text: {
          en: 'You created a notebook, ran code, kept a value in the kernel and saved your work.\nTell us you are ready to move on.',
          es: 'Creaste un notebook, ejecutaste código, guardaste un valor en el kernel y guardaste tu\ntrabajo. Avísanos cuando estés listo o lista para seguir.'
        }
      }
    ]
  },
  {
    id: 'hub-champion-1-why-a-hub',
    version: '2026.11.1',
    title: {
      en: 'Hub Champion 1: Why a hub?',
      es: 'Hub Champion 1: ¿Por qué un hub?'
    },
    languages: ['en', 'es'],
    kernels: [],
    minutes: 20,
    audience: 'hub-champion',
    prerequisites: [],
    objectives: {
      en: [
        'Explain what a shared JupyterHub gives a research community',
        'Say who signs in to your hub and what they need from it',
        "Find where Catalyst keeps your training and your hub's tools"
      ],
      es: [
        'Explicar qué le aporta un JupyterHub compartido a una comunidad de investigación',
        'Decir quién entra a tu hub y qué necesita de él',
        'Encontrar dónde guarda Catalyst tu formación y las herramientas de tu hub'
      ]
    },
    source: 'hub-champion-1-why-a-hub.md',
    steps: [
      {
        id: 'cloud-computing',
        title: {
          en: 'Computing where the data is',
          es: 'Computar donde están los datos'
        },
        check: {
          type: 'quiz',
          question: {
            en: 'A colleague has a slow laptop and a 40 GB dataset. What does the hub change for them?',
            es: 'Una colega tiene una laptop lenta y un conjunto de datos de 40 GB. ¿Qué cambia el hub para ella?'
          },
          options: [
            {
              id: 'server',
              correct: true,
              text: {
                en: 'Their code runs on a server in the cloud; the browser only shows the results',
                es: 'Su código se ejecuta en un servidor en la nube; el navegador solo muestra los resultados'
              },
              feedback: {
                en: 'Yes. The laptop only needs a browser; memory and processors come from the hub.',
                es: 'Sí. La laptop solo necesita un navegador; la memoria y los procesadores los pone el hub.'
              }
            },
            {
              id: 'faster-laptop',
              text: {
                en: 'It makes the laptop itself faster',
                es: 'Hace que la propia laptop sea más rápida'
              },
              feedback: {
                en: 'No. Nothing runs on the laptop except the browser.',
                es: 'No. En la laptop no se ejecuta nada más que el navegador.'
              }
            },
            {
              id: 'install',
              text: {
                en: 'They still install Python and every package before starting',
                es: 'Aun así tiene que instalar Python y todos los paquetes antes de empezar'
              },
              feedback: {
                en: 'Not on a hub. The environment is prepared once, on the hub, for everyone.',
                es: 'En un hub no. El entorno se prepara una vez, en el hub, para todas las personas.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: 'A **hub** gives every member of your community their own JupyterLab in the cloud, reached\nfrom a browser. Nobody installs software, and everyone works with the same tools, close to\nshared data, on machines bigger than a laptop.',
          es: 'Un **hub** le da a cada integrante de tu comunidad su propio JupyterLab en la nube, desde el\nnavegador. Nadie instala programas y todas las personas trabajan con las mismas\nherramientas, cerca de los datos compartidos, en máquinas más grandes que una laptop.'
        }
      },
      {
        id: 'community-hub',
        title: {
          en: 'One hub for a community',
          es: 'Un hub para una comunidad'
        },
        check: {
          type: 'quiz',
          question: {
            en: 'Who decides who may sign in to a Catalyst community hub?',
            es: '¿Quién decide quién puede entrar a un hub comunitario de Catalyst?'
          },
          options: [
            {
              id: 'champions',
              correct: true,
              text: {
                en: 'The community, through its Hub Champions',
                es: 'La comunidad, a través de sus Hub Champions'
              },
              feedback: {
                en: "Right. Access follows your community's own groups, for example a GitHub team.",
                es: 'Correcto. El acceso sigue los grupos de tu comunidad, por ejemplo un equipo de GitHub.'
              }
            },
            {
              id: 'anyone',
              text: {
                en: 'Anyone on the internet',
                es: 'Cualquier persona en internet'
              },
              feedback: {
                en: 'No. A hub uses real computing resources, so access is limited to your community.',
                es: 'No. Un hub usa recursos de cómputo reales, así que el acceso se limita a tu comunidad.'
              }
            },
            {
              id: 'provider',
              text: {
                en: 'Only the cloud provider',
                es: 'Solo el proveedor de la nube'
              },
              feedback: {
                en: 'No. The provider runs machines; your community chooses its members.',
                es: 'No. El proveedor pone las máquinas; tu comunidad elige a sus integrantes.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: 'A **community hub** serves one research community. Members sign in with an account they\nalready have, such as GitHub or an institutional login, and the community decides who is in.\nAs a **Hub Champion** you are the link between your community and the people who run the hub.',
          es: 'Un **hub comunitario** sirve a una comunidad de investigación. Sus integrantes entran con una\ncuenta que ya tienen, como GitHub o un acceso institucional, y la comunidad decide quién entra.\nComo **Hub Champion** eres el vínculo entre tu comunidad y quienes mantienen el hub.'
        }
      },
      {
        id: 'find-catalyst',
        title: {
          en: 'Find the Catalyst panel',
          es: 'Encuentra el panel de Catalyst'
        },
        hints: [
          {
            en: 'Open the command palette with Ctrl+Shift+C and search for "Catalyst".',
            es: 'Abre la paleta de comandos con Ctrl+Mayús+C y busca "Catalyst".'
          }
        ],
        showMe: [{ command: 'catalyst:open-panel' }],
        check: { type: 'command', command: 'catalyst:open-panel' },
        text: {
          en: 'Catalyst adds its own panel to the left sidebar, with your roles and your hub. Open it with\nthe command **Open Catalyst Panel** from the command palette.',
          es: 'Catalyst añade su propio panel a la barra lateral izquierda, con tus roles y tu hub. Ábrelo\ncon el comando **Abrir panel de Catalyst** desde la paleta de comandos.'
        }
      },
      {
        id: 'community-needs',
        title: {
          en: "Your community's needs",
          es: 'Las necesidades de tu comunidad'
        },
        hints: [
          {
            en: 'Think of three people who will use the hub: what do they analyse, with which tools?',
            es: 'Piensa en tres personas que usarán el hub: ¿qué analizan y con qué herramientas?'
          }
        ],
        check: { type: 'self-report' },
        showMe: [],
        text: {
          en: 'Write down, in a notebook or on paper, who will use your hub, which languages and packages\nthey need, and how much data they work with. You will use these notes in the next episodes.',
          es: 'Anota, en un notebook o en papel, quién usará tu hub, qué lenguajes y paquetes necesita y\ncon cuántos datos trabaja. Usarás estas notas en los próximos episodios.'
        }
      }
    ]
  }
];
