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
        highlight: 'filebrowser',
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
    id: 'first-r-notebook',
    version: '2026.11.1',
    title: { en: 'Your first R notebook', es: 'Tu primer notebook de R' },
    languages: ['en', 'es'],
    kernels: ['ir'],
    minutes: 15,
    audience: 'member',
    prerequisites: [],
    objectives: {
      en: [
        'Create a notebook with the R kernel',
        'Keep values in R vectors and compute with them',
        'Look at a data frame and save your work'
      ],
      es: [
        'Crear un notebook con el kernel de R',
        'Guardar valores en vectores de R y calcular con ellos',
        'Explorar un data frame y guardar tu trabajo'
      ]
    },
    source: 'first-r-notebook.md',
    steps: [
      {
        id: 'create-r-notebook',
        title: { en: 'Create an R notebook', es: 'Crea un notebook de R' },
        hints: [
          {
            en: 'Open the Launcher with the "+" button above the file browser.',
            es: 'Abre el Lanzador con el botón "+" encima del explorador de archivos.'
          },
          {
            en: 'In the Launcher, under "Notebook", click the card named "R".',
            es: 'En el Lanzador, debajo de "Notebook", haz clic en la tarjeta llamada "R".'
          }
        ],
        solution: {
          en: 'File → New → Notebook, then pick the "R" kernel.',
          es: 'Archivo → Nuevo → Notebook y elige el kernel "R".'
        },
        showMe: [
          { command: 'notebook:create-new', args: { kernelName: 'ir' } }
        ],
        check: {
          type: 'all',
          checks: [
            { type: 'widget', className: 'jp-NotebookPanel' },
            { type: 'kernel', r: 'is.character(R.version.string)' }
          ]
        },
        text: {
          en: "The hub runs **R** as well as Python. Create a new notebook that uses the **R** kernel and\nkeep it open in front of you. The check asks the notebook's kernel whether it speaks R.",
          es: 'El hub ejecuta **R** además de Python. Crea un notebook nuevo que use el kernel **R** y\ndéjalo abierto delante de ti. La comprobación le pregunta al kernel del notebook si habla R.'
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
          en: 'Type `print("Hello, Catalyst")` in a code cell and run it with **Shift+Enter**. R shows\n`[1]` before the text: the output is a vector, and `[1]` is the position of its first element.',
          es: 'Escribe `print("Hello, Catalyst")` en una celda de código y ejecútala con **Mayús+Intro**.\nR muestra `[1]` antes del texto: la salida es un vector y `[1]` es la posición de su primer\nelemento.'
        }
      },
      {
        id: 'make-a-vector',
        title: {
          en: 'Keep values in a vector',
          es: 'Guarda valores en un vector'
        },
        hints: [
          {
            en: 'In a new cell, write heights <- c(150, 162, 171) and run it.',
            es: 'En una celda nueva, escribe heights <- c(150, 162, 171) y ejecútala.'
          }
        ],
        solution: {
          en: 'Run a cell containing heights <- c(150, 162, 171).',
          es: 'Ejecuta una celda que contenga heights <- c(150, 162, 171).'
        },
        check: {
          type: 'kernel',
          r: 'exists("heights") && is.numeric(heights) && length(heights) == 3'
        },
        showMe: [],
        text: {
          en: 'In R, `c()` combines values into a **vector** and `<-` gives it a name. Create a numeric\nvector named `heights` with three values, for example `c(150, 162, 171)`, and run the cell.\nThe check asks your R session, without changing anything in it.',
          es: 'En R, `c()` combina valores en un **vector** y `<-` le da un nombre. Crea un vector numérico\nllamado `heights` con tres valores, por ejemplo `c(150, 162, 171)`, y ejecuta la celda. La\ncomprobación le pregunta a tu sesión de R sin cambiar nada en ella.'
        }
      },
      {
        id: 'compute-a-mean',
        title: { en: 'Compute with the vector', es: 'Calcula con el vector' },
        hints: [
          {
            en: 'R has a function named mean().',
            es: 'R tiene una función llamada mean().'
          },
          {
            en: 'Write mean_height <- mean(heights) and run it.',
            es: 'Escribe mean_height <- mean(heights) y ejecútala.'
          }
        ],
        solution: {
          en: 'Run mean_height <- mean(heights), then mean_height on its own line to see it.',
          es: 'Ejecuta mean_height <- mean(heights) y luego mean_height solo en una línea para verlo.'
        },
        check: {
          type: 'kernel',
          r: 'exists("mean_height") && exists("heights") && isTRUE(all.equal(mean_height, mean(heights)))'
        },
        showMe: [],
        text: {
          en: 'Functions take a vector and give back a result. Store the mean of `heights` in a variable\nnamed `mean_height`.',
          es: 'Las funciones reciben un vector y devuelven un resultado. Guarda la media de `heights` en una\nvariable llamada `mean_height`.'
        }
      },
      {
        id: 'data-frame',
        title: { en: 'Look at a data frame', es: 'Explora un data frame' },
        hints: [
          {
            en: 'R comes with example data sets; mtcars is one of them. Run head(mtcars).',
            es: 'R trae conjuntos de datos de ejemplo; mtcars es uno de ellos. Ejecuta head(mtcars).'
          },
          {
            en: 'nrow() counts the rows of a data frame.',
            es: 'nrow() cuenta las filas de un data frame.'
          }
        ],
        solution: {
          en: 'Run car_count <- nrow(mtcars); it holds 32.',
          es: 'Ejecuta car_count <- nrow(mtcars); vale 32.'
        },
        check: {
          type: 'kernel',
          r: 'exists("car_count") && car_count == nrow(mtcars)'
        },
        showMe: [],
        text: {
          en: 'A **data frame** is a table: each column is a vector. Look at the first rows of the example\ndata frame `mtcars` with `head(mtcars)`, then store its number of rows in `car_count`.',
          es: 'Un **data frame** es una tabla: cada columna es un vector. Mira las primeras filas del data\nframe de ejemplo `mtcars` con `head(mtcars)` y guarda su número de filas en `car_count`.'
        }
      },
      {
        id: 'vectors-quiz',
        title: { en: 'Vectors and indexes', es: 'Vectores e índices' },
        check: {
          type: 'quiz',
          question: {
            en: 'With heights <- c(150, 162, 171), what does heights[1] give?',
            es: 'Con heights <- c(150, 162, 171), ¿qué devuelve heights[1]?'
          },
          options: [
            {
              id: 'first',
              correct: true,
              text: { en: '150', es: '150' },
              feedback: {
                en: 'Right. R counts from 1, so [1] is the first element.',
                es: 'Correcto. R cuenta desde 1, así que [1] es el primer elemento.'
              }
            },
            {
              id: 'second',
              text: { en: '162', es: '162' },
              feedback: {
                en: 'Not in R. Python counts from 0, R counts from 1.',
                es: 'En R no. Python cuenta desde 0, R cuenta desde 1.'
              }
            },
            {
              id: 'error',
              text: { en: 'An error', es: 'Un error' },
              feedback: {
                en: 'No. Try it in a cell and see.',
                es: 'No. Pruébalo en una celda y observa.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: 'Square brackets pick elements of a vector by position.',
          es: 'Los corchetes eligen elementos de un vector por su posición.'
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
          en: 'Rename the notebook to first-r-notebook.ipynb in your home folder.',
          es: 'Cambia el nombre del notebook a first-r-notebook.ipynb en tu carpeta personal.'
        },
        showMe: [{ command: 'docmanager:rename' }],
        check: {
          type: 'file',
          path: 'first-r-notebook.ipynb',
          fileType: 'notebook'
        },
        text: {
          en: 'Give your work a name: rename the notebook to `first-r-notebook.ipynb` in your home folder.',
          es: 'Ponle nombre a tu trabajo: cambia el nombre del notebook a `first-r-notebook.ipynb` en tu\ncarpeta personal.'
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
        highlight: 'jupyterlab-catalyst-panel',
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
  },
  {
    id: 'hub-champion-2-access',
    version: '2026.11.1',
    title: {
      en: 'Hub Champion 2: Who can get in',
      es: 'Hub Champion 2: Quién puede entrar'
    },
    languages: ['en', 'es'],
    kernels: [],
    minutes: 25,
    audience: 'hub-champion',
    prerequisites: ['hub-champion-1-why-a-hub'],
    objectives: {
      en: [
        'Explain how people sign in to your hub (a GitHub team or an institutional login)',
        'Give a new person access and check that the hub knows them',
        'Give a second Hub Champion their role through a group'
      ],
      es: [
        'Explicar cómo entran las personas a tu hub (un equipo de GitHub o un acceso institucional)',
        'Darle acceso a una persona nueva y comprobar que el hub la conoce',
        'Darle su rol a una segunda persona Hub Champion mediante un grupo'
      ]
    },
    source: 'hub-champion-2-access.md',
    steps: [
      {
        id: 'how-people-sign-in',
        title: { en: 'How people sign in', es: 'Cómo entran las personas' },
        check: {
          type: 'quiz',
          question: {
            en: 'Your hub lets in the members of a GitHub team. A new colleague needs access. What do you do?',
            es: 'Tu hub deja entrar a quienes integran un equipo de GitHub. Una colega nueva necesita acceso. ¿Qué haces?'
          },
          options: [
            {
              id: 'add-to-team',
              correct: true,
              text: {
                en: 'Invite their GitHub account to the organisation and add it to the team',
                es: 'Invitar su cuenta de GitHub a la organización y agregarla al equipo'
              },
              feedback: {
                en: 'Yes. The hub asks GitHub at each sign-in, so team membership is the key.',
                es: 'Sí. El hub le pregunta a GitHub en cada inicio de sesión, así que el equipo es la llave.'
              }
            },
            {
              id: 'share-account',
              text: {
                en: 'Give them your own username and password',
                es: 'Darle tu propio usuario y contraseña'
              },
              feedback: {
                en: 'Never. Everyone needs their own account, so their files and servers stay theirs.',
                es: 'Nunca. Cada persona necesita su propia cuenta, para que sus archivos y servidores sean suyos.'
              }
            },
            {
              id: 'cloud-account',
              text: {
                en: 'Open an account for them at the cloud provider',
                es: 'Abrirle una cuenta en el proveedor de la nube'
              },
              feedback: {
                en: 'Not needed. People reach the hub through its login, never through the cloud console.',
                es: 'No hace falta. Las personas llegan al hub por su inicio de sesión, nunca por la consola de la nube.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: "A hub does not keep passwords of its own. It asks someone your community already trusts:\na **GitHub organisation and team**, or your **institution's login**. Whoever that service\nsays is in, gets in. As a Hub Champion you manage access there, and in the hub's admin tools.",
          es: 'Un hub no guarda contraseñas propias. Le pregunta a alguien en quien tu comunidad ya confía:\nuna **organización y un equipo de GitHub**, o el **acceso institucional**. Quien ese servicio\ndiga que está dentro, entra. Como Hub Champion gestionas el acceso allí y en las herramientas\nde administración del hub.'
        }
      },
      {
        id: 'open-admin-console',
        title: {
          en: "Open the hub's admin console",
          es: 'Abre la consola de administración del hub'
        },
        hints: [
          {
            en: 'Open the command palette with Ctrl+Shift+C and search for "admin console".',
            es: 'Abre la paleta de comandos con Ctrl+Mayús+C y busca "consola de administración".'
          }
        ],
        showMe: [{ command: 'catalyst:open-admin-console' }],
        check: { type: 'command', command: 'catalyst:open-admin-console' },
        text: {
          en: "Catalyst's **admin console** shows your hub's users, their servers and groups, and says how\npeople log in. Only Hub Champions see it. Open it from the Catalyst panel or the command palette.",
          es: 'La **consola de administración** de Catalyst muestra las personas usuarias de tu hub, sus\nservidores y sus grupos, y dice cómo se inicia sesión. Solo la ven las personas Hub Champion.\nÁbrela desde el panel de Catalyst o la paleta de comandos.'
        }
      },
      {
        id: 'add-test-user',
        title: {
          en: 'Add a test user',
          es: 'Agrega una persona usuaria de prueba'
        },
        hints: [
          {
            en: 'In the admin console, use "Add users" and paste the name test-learner.',
            es: 'En la consola de administración, usa "Agregar usuarios" y pega el nombre test-learner.'
          }
        ],
        solution: {
          en: 'Admin console → Add users → type test-learner → confirm. The check asks the hub whether it knows test-learner.',
          es: 'Consola de administración → Agregar usuarios → escribe test-learner → confirma. La comprobación le pregunta al hub si conoce a test-learner.'
        },
        check: { type: 'hub', user: 'test-learner', exists: true },
        showMe: [],
        text: {
          en: "Practise on an account that is not a real person's. Add a user named `test-learner` to the\nhub. On a hub that uses a GitHub team you would invite the account to the team as well;\nadding it in the hub lets you prepare its server before the person first signs in.",
          es: 'Practica con una cuenta que no sea de una persona real. Agrega al hub un usuario llamado\n`test-learner`. En un hub que usa un equipo de GitHub también invitarías la cuenta al equipo;\nagregarla en el hub te permite preparar su servidor antes de que la persona entre por primera vez.'
        }
      },
      {
        id: 'give-champion-role',
        title: {
          en: 'Share the Hub Champion role',
          es: 'Comparte el rol de Hub Champion'
        },
        hints: [
          {
            en: 'Select test-learner in the users table and use "Add to group".',
            es: 'Selecciona a test-learner en la tabla de usuarios y usa "Agregar a grupo".'
          },
          {
            en: 'The group is named hub-champions.',
            es: 'El grupo se llama hub-champions.'
          }
        ],
        solution: {
          en: 'Admin console → tick test-learner → Add to group → hub-champions.',
          es: 'Consola de administración → marca a test-learner → Agregar a grupo → hub-champions.'
        },
        check: { type: 'hub', user: 'test-learner', inGroup: 'hub-champions' },
        showMe: [],
        text: {
          en: "Roles in Catalyst come from the hub's **groups**: whoever is in `hub-champions` is a Hub\nChampion. A hub should have at least two, so help never depends on one person. Add\n`test-learner` to the group `hub-champions`.",
          es: 'Los roles en Catalyst vienen de los **grupos** del hub: quien está en `hub-champions` es Hub\nChampion. Un hub debería tener al menos dos, para que la ayuda nunca dependa de una sola\npersona. Agrega a `test-learner` al grupo `hub-champions`.'
        }
      },
      {
        id: 'leaving-the-community',
        title: { en: 'When someone leaves', es: 'Cuando alguien se va' },
        check: {
          type: 'quiz',
          question: {
            en: 'A member leaves your project. Your hub uses a GitHub team. What keeps them out from now on?',
            es: 'Una persona deja tu proyecto. Tu hub usa un equipo de GitHub. ¿Qué le impide entrar desde ahora?'
          },
          options: [
            {
              id: 'remove-from-team',
              correct: true,
              text: {
                en: 'Removing them from the GitHub team',
                es: 'Quitarla del equipo de GitHub'
              },
              feedback: {
                en: 'Yes. At their next sign-in GitHub no longer lists them, so the hub refuses them. Their files stay until you delete the user.',
                es: 'Sí. En su próximo inicio de sesión GitHub ya no la incluye, así que el hub la rechaza. Sus archivos quedan hasta que borres la cuenta.'
              }
            },
            {
              id: 'stop-server',
              text: { en: 'Stopping their server', es: 'Detener su servidor' },
              feedback: {
                en: 'That frees resources, but they could sign in and start it again.',
                es: 'Eso libera recursos, pero podría volver a entrar e iniciarlo de nuevo.'
              }
            },
            {
              id: 'nothing',
              text: {
                en: 'Nothing; access ends on its own after a year',
                es: 'Nada; el acceso termina solo después de un año'
              },
              feedback: {
                en: 'No. Access lasts as long as the team or institution says they belong.',
                es: 'No. El acceso dura mientras el equipo o la institución diga que pertenece.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: 'Access follows the service people sign in with. Keep your team or institutional group up to\ndate, and the hub follows.',
          es: 'El acceso sigue al servicio con el que se inicia sesión. Mantén al día tu equipo o grupo\ninstitucional, y el hub lo sigue.'
        }
      }
    ]
  },
  {
    id: 'hub-champion-3-servers',
    version: '2026.11.1',
    title: {
      en: 'Hub Champion 3: Servers and resources',
      es: 'Hub Champion 3: Servidores y recursos'
    },
    languages: ['en', 'es'],
    kernels: [],
    minutes: 30,
    audience: 'hub-champion',
    prerequisites: ['hub-champion-2-access'],
    objectives: {
      en: [
        'Choose a server size that fits the work and the budget',
        'Explain what culling does to idle servers and what it keeps',
        "Start, stop and open another user's server when they need help"
      ],
      es: [
        'Elegir un tamaño de servidor que se ajuste al trabajo y al presupuesto',
        'Explicar qué hace la limpieza automática con los servidores inactivos y qué conserva',
        'Iniciar, detener y abrir el servidor de otra persona cuando necesita ayuda'
      ]
    },
    source: 'hub-champion-3-servers.md',
    steps: [
      {
        id: 'choose-a-size',
        title: {
          en: 'Choose a server size',
          es: 'Elige un tamaño de servidor'
        },
        check: {
          type: 'quiz',
          question: {
            en: 'A workshop of 20 people will explore a 50 MB spreadsheet. Which server option do you recommend?',
            es: 'Un taller de 20 personas explorará una hoja de cálculo de 50 MB. ¿Qué opción de servidor recomiendas?'
          },
          options: [
            {
              id: 'small',
              correct: true,
              text: {
                en: 'The smallest shared option (1 CPU, a few GB of memory)',
                es: 'La opción compartida más pequeña (1 CPU, algunos GB de memoria)'
              },
              feedback: {
                en: 'Yes. Small servers start faster and cost less; 50 MB fits easily. Move up only when work needs it.',
                es: 'Sí. Los servidores pequeños inician más rápido y cuestan menos; 50 MB cabe de sobra. Sube solo cuando el trabajo lo pida.'
              }
            },
            {
              id: 'largest',
              text: {
                en: 'The largest option, to be safe',
                es: 'La opción más grande, por si acaso'
              },
              feedback: {
                en: "That reserves machines nobody uses and can exhaust the hub's budget for everyone.",
                es: 'Eso reserva máquinas que nadie usa y puede agotar el presupuesto del hub para todas las personas.'
              }
            },
            {
              id: 'gpu',
              text: { en: 'A GPU server', es: 'Un servidor con GPU' },
              feedback: {
                en: 'Only for work written for GPUs, such as training deep learning models.',
                es: 'Solo para trabajo escrito para GPU, como entrenar modelos de aprendizaje profundo.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: "When people start a server they may pick its **size**: how many processors (CPU) and how\nmuch memory it gets. Bigger is not better: it costs more, may take longer to start, and the\nhub's budget is shared by your whole community. Start small and move up when work needs it.",
          es: 'Al iniciar un servidor, las personas pueden elegir su **tamaño**: cuántos procesadores (CPU)\ny cuánta memoria recibe. Más grande no es mejor: cuesta más, puede tardar más en iniciar y el\npresupuesto del hub es compartido por toda tu comunidad. Empieza con poco y sube cuando el\ntrabajo lo necesite.'
        }
      },
      {
        id: 'culling',
        title: {
          en: 'Idle servers are stopped',
          es: 'Los servidores inactivos se detienen'
        },
        check: {
          type: 'quiz',
          question: {
            en: 'A learner left a notebook open overnight and the hub stopped their idle server. What is lost?',
            es: 'Una persona dejó un notebook abierto toda la noche y el hub detuvo su servidor inactivo. ¿Qué se pierde?'
          },
          options: [
            {
              id: 'kernel-state',
              correct: true,
              text: {
                en: 'Variables in the kernel and anything not saved to a file',
                es: 'Las variables del kernel y todo lo que no se guardó en un archivo'
              },
              feedback: {
                en: "Right. Files in the home folder stay; the kernel's memory goes. Save often, and write results to files.",
                es: 'Correcto. Los archivos de la carpeta personal quedan; la memoria del kernel se pierde. Guarda seguido y escribe los resultados en archivos.'
              }
            },
            {
              id: 'everything',
              text: {
                en: 'Their whole home folder',
                es: 'Toda su carpeta personal'
              },
              feedback: {
                en: 'No. The home folder is persistent storage and survives a stopped server.',
                es: 'No. La carpeta personal es almacenamiento persistente y sobrevive a un servidor detenido.'
              }
            },
            {
              id: 'nothing',
              text: { en: 'Nothing at all', es: 'Nada en absoluto' },
              feedback: {
                en: "Not quite. Whatever lived only in the kernel's memory is gone.",
                es: 'No exactamente. Lo que solo vivía en la memoria del kernel se pierde.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: 'A hub **culls** servers that have been idle for a while (often an hour): it stops them so\nthey stop costing money. Tell your community to save their work and to expect to run their\nnotebooks again after a break.',
          es: 'Un hub **limpia** los servidores que llevan un tiempo inactivos (a menudo una hora): los\ndetiene para que dejen de costar dinero. Dile a tu comunidad que guarde su trabajo y que\nespere volver a ejecutar sus notebooks después de una pausa.'
        }
      },
      {
        id: 'start-a-server',
        title: {
          en: "Start a learner's server",
          es: 'Inicia el servidor de una persona'
        },
        hints: [
          {
            en: 'Open the admin console and find test-learner in the users table (from episode 2).',
            es: 'Abre la consola de administración y busca a test-learner en la tabla de usuarios (del episodio 2).'
          },
          {
            en: 'Use the "Start" button on test-learner\'s row and wait until it says running.',
            es: 'Usa el botón "Iniciar" en la fila de test-learner y espera a que diga que está en ejecución.'
          }
        ],
        showMe: [{ command: 'catalyst:open-admin-console' }],
        check: { type: 'hub', user: 'test-learner', running: true },
        text: {
          en: 'Sometimes you prepare a server for someone, or start it to reproduce their problem. Start\nthe server of `test-learner` from the admin console. The check asks the hub whether that\nserver is running.',
          es: 'A veces preparas un servidor para alguien, o lo inicias para reproducir su problema. Inicia\nel servidor de `test-learner` desde la consola de administración. La comprobación le pregunta\nal hub si ese servidor está en ejecución.'
        }
      },
      {
        id: 'stop-a-server',
        title: {
          en: 'Stop a server that is stuck',
          es: 'Detén un servidor atascado'
        },
        hints: [
          {
            en: 'Use the "Stop" button on test-learner\'s row in the admin console.',
            es: 'Usa el botón "Detener" en la fila de test-learner en la consola de administración.'
          }
        ],
        showMe: [{ command: 'catalyst:open-admin-console' }],
        check: { type: 'hub', user: 'test-learner', running: false },
        text: {
          en: 'The most common fix for "my notebook does not respond" is to stop the person\'s server and\nlet them start a fresh one. Their files stay. Stop the server of `test-learner` now; the check\nasks the hub that it really stopped.',
          es: 'El arreglo más común para "mi notebook no responde" es detener el servidor de la persona y\ndejar que inicie uno nuevo. Sus archivos quedan. Detén ahora el servidor de `test-learner`; la\ncomprobación le pregunta al hub si de verdad se detuvo.'
        }
      },
      {
        id: 'open-another-server',
        title: {
          en: "Opening someone else's server",
          es: 'Abrir el servidor de otra persona'
        },
        check: {
          type: 'quiz',
          question: {
            en: "Before you open a learner's server to look at their problem, what should you do?",
            es: 'Antes de abrir el servidor de una persona para ver su problema, ¿qué deberías hacer?'
          },
          options: [
            {
              id: 'ask',
              correct: true,
              text: {
                en: 'Ask their permission, and tell them what you will look at',
                es: 'Pedirle permiso y decirle qué vas a mirar'
              },
              feedback: {
                en: 'Yes. You will see all their files; treat it like looking at their laptop.',
                es: 'Sí. Verás todos sus archivos; trátalo como si miraras su laptop.'
              }
            },
            {
              id: 'nothing',
              text: {
                en: 'Nothing, Hub Champions may open any server',
                es: 'Nada, quien es Hub Champion puede abrir cualquier servidor'
              },
              feedback: {
                en: 'You can, but their files may be private or sensitive. Ask first.',
                es: 'Puedes, pero sus archivos pueden ser privados o sensibles. Pregunta primero.'
              }
            },
            {
              id: 'copy',
              text: {
                en: 'Copy their files to your own home first',
                es: 'Copiar primero sus archivos a tu carpeta personal'
              },
              feedback: {
                en: 'No. Copying spreads their data; look in place, with permission.',
                es: 'No. Copiar dispersa sus datos; mira donde están, con permiso.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: "The admin console can open another user's server, and warns before it does. You see exactly\nwhat they see, which makes problems quick to find, and their files visible to you.",
          es: 'La consola de administración puede abrir el servidor de otra persona, y avisa antes de\nhacerlo. Ves exactamente lo que ve ella, lo que permite encontrar rápido los problemas, y sus\narchivos quedan a tu vista.'
        }
      }
    ]
  },
  {
    id: 'hub-champion-4-images',
    version: '2026.11.1',
    title: {
      en: 'Hub Champion 4: Images and custom images',
      es: 'Hub Champion 4: Imágenes e imágenes personalizadas'
    },
    languages: ['en', 'es'],
    kernels: ['python3', 'ir'],
    minutes: 25,
    audience: 'hub-champion',
    prerequisites: ['hub-champion-3-servers'],
    objectives: {
      en: [
        'Explain what a container image gives every server of the hub',
        'Find out which software versions your image holds',
        'Pick a ready-made image and pin its tag'
      ],
      es: [
        'Explicar qué le da una imagen de contenedor a cada servidor del hub',
        'Averiguar qué versiones de software tiene tu imagen',
        'Elegir una imagen ya hecha y fijar su etiqueta'
      ]
    },
    source: 'hub-champion-4-images.md',
    steps: [
      {
        id: 'what-an-image-is',
        title: { en: 'What an image is', es: 'Qué es una imagen' },
        check: {
          type: 'quiz',
          question: {
            en: 'A learner installs a package with pip in a terminal. After their server restarts, is it still there?',
            es: 'Una persona instala un paquete con pip en una terminal. Después de reiniciar su servidor, ¿sigue ahí?'
          },
          options: [
            {
              id: 'gone',
              correct: true,
              text: {
                en: 'No; each server starts again from the image',
                es: 'No; cada servidor vuelve a empezar desde la imagen'
              },
              feedback: {
                en: 'Right. Only the home folder persists. Packages everyone needs belong in the image.',
                es: 'Correcto. Solo la carpeta personal persiste. Los paquetes que todas las personas necesitan van en la imagen.'
              }
            },
            {
              id: 'kept',
              text: { en: 'Yes, always', es: 'Sí, siempre' },
              feedback: {
                en: 'Only if it was installed inside the home folder; the rest of the system comes fresh from the image.',
                es: 'Solo si se instaló dentro de la carpeta personal; el resto del sistema viene nuevo desde la imagen.'
              }
            },
            {
              id: 'everyone',
              text: {
                en: 'Yes, and now everyone on the hub has it',
                es: 'Sí, y ahora todas las personas del hub lo tienen'
              },
              feedback: {
                en: 'No. Servers do not share installed software; the image is what they share.',
                es: 'No. Los servidores no comparten el software instalado; lo que comparten es la imagen.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: 'Every server on the hub starts from a **container image**: a packaged operating system with\nPython, R, JupyterLab and the libraries your community uses. Change the image, and every new\nserver gets the change. The home folder is the only part that is kept between servers.',
          es: 'Cada servidor del hub arranca desde una **imagen de contenedor**: un sistema operativo\nempaquetado con Python, R, JupyterLab y las bibliotecas que usa tu comunidad. Si cambias la\nimagen, cada servidor nuevo recibe el cambio. La carpeta personal es lo único que se conserva\nentre servidores.'
        }
      },
      {
        id: 'python-version',
        title: {
          en: 'Which Python does your image hold?',
          es: '¿Qué Python tiene tu imagen?'
        },
        hints: [
          {
            en: 'In a Python notebook, run import platform, then platform.python_version().',
            es: 'En un notebook de Python, ejecuta import platform y luego platform.python_version().'
          }
        ],
        solution: {
          en: 'Run python_version = __import__("platform").python_version() in a Python notebook.',
          es: 'Ejecuta python_version = __import__("platform").python_version() en un notebook de Python.'
        },
        showMe: [
          { command: 'notebook:create-new', args: { kernelName: 'python3' } }
        ],
        check: {
          type: 'kernel',
          python:
            "globals().get('python_version') == __import__('platform').python_version()"
        },
        text: {
          en: 'When someone asks "which version do we have?", the server can tell you. In a **Python**\nnotebook, store the Python version of this image as text in a variable named\n`python_version`.',
          es: 'Cuando alguien pregunta "¿qué versión tenemos?", el servidor te lo puede decir. En un\nnotebook de **Python**, guarda la versión de Python de esta imagen como texto en una variable\nllamada `python_version`.'
        }
      },
      {
        id: 'r-version',
        title: { en: 'And which R?', es: '¿Y qué R?' },
        hints: [
          {
            en: 'In an R notebook, R.version.string prints the version; R.version$major and R.version$minor hold its parts.',
            es: 'En un notebook de R, R.version.string muestra la versión; R.version$major y R.version$minor tienen sus partes.'
          }
        ],
        solution: {
          en: 'Run r_version <- paste(R.version$major, R.version$minor, sep = ".") in an R notebook.',
          es: 'Ejecuta r_version <- paste(R.version$major, R.version$minor, sep = ".") en un notebook de R.'
        },
        showMe: [
          { command: 'notebook:create-new', args: { kernelName: 'ir' } }
        ],
        check: {
          type: 'kernel',
          r: 'exists("r_version") && identical(r_version, paste(R.version$major, R.version$minor, sep = "."))'
        },
        text: {
          en: 'Catalyst hubs support Python and R. In an **R** notebook, store the R version of this image,\nsuch as `4.2.2`, in a variable named `r_version`.',
          es: 'Los hubs de Catalyst dan soporte a Python y R. En un notebook de **R**, guarda la versión de\nR de esta imagen, como `4.2.2`, en una variable llamada `r_version`.'
        }
      },
      {
        id: 'pick-an-image',
        title: {
          en: 'Pick a ready-made image',
          es: 'Elige una imagen ya hecha'
        },
        check: {
          type: 'quiz',
          question: {
            en: 'Your community analyses maps and satellite data in R. Where do you start?',
            es: 'Tu comunidad analiza mapas y datos satelitales en R. ¿Por dónde empiezas?'
          },
          options: [
            {
              id: 'rocker',
              correct: true,
              text: {
                en: "A Rocker geospatial image, which already has R's spatial packages",
                es: 'Una imagen geoespacial de Rocker, que ya trae los paquetes espaciales de R'
              },
              feedback: {
                en: 'Yes. Start from a maintained image close to your needs; customise only what is missing.',
                es: 'Sí. Parte de una imagen mantenida cercana a tus necesidades; personaliza solo lo que falte.'
              }
            },
            {
              id: 'scratch',
              text: {
                en: 'Build a new image from scratch',
                es: 'Construir una imagen nueva desde cero'
              },
              feedback: {
                en: 'Possible, but then you maintain everything. Ready-made images get security updates for you.',
                es: 'Es posible, pero entonces mantienes todo. Las imágenes ya hechas reciben actualizaciones de seguridad por ti.'
              }
            },
            {
              id: 'install-each-time',
              text: {
                en: 'Keep the default image and install packages at the start of every session',
                es: 'Mantener la imagen por defecto e instalar paquetes al inicio de cada sesión'
              },
              feedback: {
                en: 'That costs every learner minutes each day, and versions drift between them.',
                es: 'Eso le cuesta minutos a cada persona cada día, y las versiones se desalinean entre ellas.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: "Many hubs offer a list of images, and an **Other…** option where you give an image's name.\nGood places to look are the Jupyter Docker Stacks, Rocker's images for R, and your hub\nprovider's own images.",
          es: 'Muchos hubs ofrecen una lista de imágenes y una opción **Otra…** donde escribes el nombre\nde una imagen. Buenos lugares para buscar son los Jupyter Docker Stacks, las imágenes de\nRocker para R y las imágenes propias de quien provee tu hub.'
        }
      },
      {
        id: 'pin-a-tag',
        title: {
          en: "Pin the image's tag",
          es: 'Fija la etiqueta de la imagen'
        },
        check: {
          type: 'quiz',
          question: {
            en: 'Why name an image as rocker/geospatial:4.4.1 rather than rocker/geospatial:latest?',
            es: '¿Por qué nombrar una imagen como rocker/geospatial:4.4.1 y no rocker/geospatial:latest?'
          },
          options: [
            {
              id: 'reproducible',
              correct: true,
              text: {
                en: 'So every server gets the same versions until you choose to update',
                es: 'Para que cada servidor reciba las mismas versiones hasta que decidas actualizar'
              },
              feedback: {
                en: 'Yes. "latest" changes under your feet; a pinned tag makes results reproducible.',
                es: 'Sí. "latest" cambia sin aviso; una etiqueta fija hace que los resultados sean reproducibles.'
              }
            },
            {
              id: 'faster',
              text: {
                en: 'Because pinned images run faster',
                es: 'Porque las imágenes fijadas se ejecutan más rápido'
              },
              feedback: {
                en: 'No, speed is the same. The point is that nothing changes without you knowing.',
                es: 'No, la velocidad es la misma. Lo importante es que nada cambie sin que lo sepas.'
              }
            },
            {
              id: 'required',
              text: {
                en: 'Because the hub refuses "latest"',
                es: 'Porque el hub rechaza "latest"'
              },
              feedback: {
                en: 'Most hubs accept it, which is exactly why you should choose a tag yourself.',
                es: 'La mayoría de los hubs lo aceptan, y por eso mismo deberías elegir tú una etiqueta.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: 'An image name ends in a **tag** after the colon. Choose a tag that names a version, write it\ndown with the date, and update on purpose, after telling your community.',
          es: 'El nombre de una imagen termina en una **etiqueta** después de los dos puntos. Elige una\netiqueta que nombre una versión, anótala con la fecha y actualiza a propósito, después de\navisarle a tu comunidad.'
        }
      }
    ]
  },
  {
    id: 'hub-champion-5-data',
    version: '2026.11.1',
    title: {
      en: 'Hub Champion 5: Where data lives',
      es: 'Hub Champion 5: Dónde viven los datos'
    },
    languages: ['en', 'es'],
    kernels: ['python3'],
    minutes: 30,
    audience: 'hub-champion',
    prerequisites: ['hub-champion-4-images'],
    objectives: {
      en: [
        'Tell apart the home folder, shared folders, /tmp and object storage',
        'Share a file with your whole community from one place',
        'Push work to GitHub without storing a password on the hub'
      ],
      es: [
        'Distinguir la carpeta personal, las carpetas compartidas, /tmp y el almacenamiento de objetos',
        'Compartir un archivo con toda tu comunidad desde un solo lugar',
        'Subir trabajo a GitHub sin guardar una contraseña en el hub'
      ]
    },
    source: 'hub-champion-5-data.md',
    steps: [
      {
        id: 'home-folder',
        title: { en: 'Your home folder', es: 'Tu carpeta personal' },
        check: {
          type: 'quiz',
          question: {
            en: "Which of these places keeps a learner's files after their server stops?",
            es: '¿Cuál de estos lugares conserva los archivos de una persona después de que su servidor se detiene?'
          },
          options: [
            {
              id: 'home',
              correct: true,
              text: { en: 'Their home folder', es: 'Su carpeta personal' },
              feedback: {
                en: 'Yes. It is persistent, private to them, and usually a few GB, so it is not for big datasets.',
                es: 'Sí. Es persistente, privada y suele tener pocos GB, así que no es para conjuntos de datos grandes.'
              }
            },
            {
              id: 'tmp',
              text: { en: '/tmp', es: '/tmp' },
              feedback: {
                en: 'No. /tmp is fast scratch space that is emptied whenever the server stops.',
                es: 'No. /tmp es espacio temporal rápido que se vacía cada vez que el servidor se detiene.'
              }
            },
            {
              id: 'kernel',
              text: { en: "The kernel's memory", es: 'La memoria del kernel' },
              feedback: {
                en: "No. The kernel's memory goes when the kernel or the server stops.",
                es: 'No. La memoria del kernel se pierde cuando el kernel o el servidor se detienen.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: "Each person's **home folder** is theirs and survives restarts. **/tmp** is scratch space for\nthe current session. Neither is the place for a dataset everyone uses.",
          es: 'La **carpeta personal** de cada persona es suya y sobrevive a los reinicios. **/tmp** es\nespacio temporal para la sesión actual. Ninguno de los dos es el lugar para un conjunto de\ndatos que usa todo el mundo.'
        }
      },
      {
        id: 'share-a-file',
        title: {
          en: 'Share a file with everyone',
          es: 'Comparte un archivo con todas las personas'
        },
        hints: [
          {
            en: 'In the file browser, create a folder named shared-readwrite if it is not there yet.',
            es: 'En el explorador de archivos, crea una carpeta llamada shared-readwrite si todavía no existe.'
          },
          {
            en: 'Inside it, create a text file and rename it to welcome.md.',
            es: 'Dentro, crea un archivo de texto y cámbiale el nombre a welcome.md.'
          }
        ],
        solution: {
          en: 'File browser → New Folder "shared-readwrite" → open it → New File → rename to welcome.md.',
          es: 'Explorador de archivos → Nueva carpeta "shared-readwrite" → ábrela → Nuevo archivo → cambia el nombre a welcome.md.'
        },
        showMe: [{ command: 'filebrowser:create-new-directory' }],
        highlight: 'filebrowser',
        check: {
          type: 'file',
          path: 'shared-readwrite/welcome.md',
          fileType: 'file'
        },
        text: {
          en: 'Many hubs give Hub Champions a folder, `shared-readwrite`, that every member sees read-only\nas `shared`. Put course data there once instead of asking everyone to download it. Create\n`shared-readwrite/welcome.md` with a line that welcomes your community.',
          es: 'Muchos hubs les dan a las personas Hub Champion una carpeta, `shared-readwrite`, que cada\nintegrante ve como `shared`, de solo lectura. Pon allí los datos del curso una sola vez en\nlugar de pedir que cada persona los descargue. Crea `shared-readwrite/welcome.md` con una\nlínea de bienvenida para tu comunidad.'
        }
      },
      {
        id: 'read-shared-data',
        title: { en: 'Read it from a notebook', es: 'Léelo desde un notebook' },
        hints: [
          {
            en: "In a Python notebook: welcome = open('shared-readwrite/welcome.md').read()",
            es: "En un notebook de Python: welcome = open('shared-readwrite/welcome.md').read()"
          }
        ],
        showMe: [
          { command: 'notebook:create-new', args: { kernelName: 'python3' } }
        ],
        check: {
          type: 'kernel',
          python:
            "isinstance(globals().get('welcome'), str) and len(welcome.strip()) > 0"
        },
        text: {
          en: 'Notebooks read shared data by its path, without copying it. In a Python notebook, read the\ntext of `welcome.md` into a variable named `welcome`. The check needs the file to hold at\nleast one line.',
          es: 'Los notebooks leen los datos compartidos por su ruta, sin copiarlos. En un notebook de Python,\nlee el texto de `welcome.md` en una variable llamada `welcome`. La comprobación necesita que el\narchivo tenga al menos una línea.'
        }
      },
      {
        id: 'big-data',
        title: {
          en: 'Data too big for a folder',
          es: 'Datos demasiado grandes para una carpeta'
        },
        check: {
          type: 'quiz',
          question: {
            en: 'Your group will work with 300 GB of satellite images. Where should they live?',
            es: 'Tu grupo trabajará con 300 GB de imágenes satelitales. ¿Dónde deberían estar?'
          },
          options: [
            {
              id: 'bucket',
              correct: true,
              text: {
                en: 'In cloud object storage (a bucket), read from notebooks as needed',
                es: 'En almacenamiento de objetos en la nube (un bucket), leídas desde los notebooks cuando hagan falta'
              },
              feedback: {
                en: 'Yes. Buckets hold large data cheaply, close to the hub; ask your hub provider whether your hub has one.',
                es: 'Sí. Los buckets guardan muchos datos a bajo costo, cerca del hub; pregúntale a quien provee tu hub si tiene uno.'
              }
            },
            {
              id: 'home',
              text: {
                en: "In each person's home folder",
                es: 'En la carpeta personal de cada persona'
              },
              feedback: {
                en: 'No. Home folders are small, and copies multiply the cost.',
                es: 'No. Las carpetas personales son pequeñas, y las copias multiplican el costo.'
              }
            },
            {
              id: 'tmp',
              text: {
                en: 'In /tmp, because it is fast',
                es: 'En /tmp, porque es rápido'
              },
              feedback: {
                en: 'It is fast, but emptied at every stop; they would download 300 GB again and again.',
                es: 'Es rápido, pero se vacía en cada detención; tendrían que descargar 300 GB una y otra vez.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: "**Object storage** (for example a cloud bucket) is where big data belongs: it is cheap,\nlarge, and close to the hub's machines.",
          es: 'El **almacenamiento de objetos** (por ejemplo un bucket en la nube) es donde van los datos\ngrandes: es barato, amplio y está cerca de las máquinas del hub.'
        }
      },
      {
        id: 'push-to-github',
        title: {
          en: 'Push your work to GitHub',
          es: 'Sube tu trabajo a GitHub'
        },
        check: {
          type: 'quiz',
          question: {
            en: 'How should a learner push from the hub to a GitHub repository?',
            es: '¿Cómo debería una persona subir desde el hub a un repositorio de GitHub?'
          },
          options: [
            {
              id: 'scoped',
              correct: true,
              text: {
                en: 'With short-lived credentials limited to chosen repositories (for example gh-scoped-creds)',
                es: 'Con credenciales de corta duración limitadas a repositorios elegidos (por ejemplo gh-scoped-creds)'
              },
              feedback: {
                en: 'Yes. Nothing long-lived is stored on the hub, and the access covers only what they chose.',
                es: 'Sí. No queda nada de larga duración en el hub, y el acceso cubre solo lo que eligió.'
              }
            },
            {
              id: 'password',
              text: {
                en: 'Save their GitHub password in a file in their home folder',
                es: 'Guardar su contraseña de GitHub en un archivo de su carpeta personal'
              },
              feedback: {
                en: 'Never. GitHub no longer accepts passwords for git, and a stored password is a risk.',
                es: 'Nunca. GitHub ya no acepta contraseñas para git, y una contraseña guardada es un riesgo.'
              }
            },
            {
              id: 'token-all',
              text: {
                en: 'A personal token with access to all their repositories, kept forever',
                es: 'Un token personal con acceso a todos sus repositorios, guardado para siempre'
              },
              feedback: {
                en: 'It works, but anyone who reads that file gets all of it. Prefer short-lived, limited credentials.',
                es: 'Funciona, pero quien lea ese archivo obtiene todo ese acceso. Prefiere credenciales de corta duración y limitadas.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: "Git works in the hub's terminal like anywhere else. What differs is the password: use\nshort-lived credentials that only reach the repositories you choose.",
          es: 'Git funciona en la terminal del hub como en cualquier otro lugar. Lo que cambia es la\ncontraseña: usa credenciales de corta duración que solo lleguen a los repositorios que elijas.'
        }
      }
    ]
  },
  {
    id: 'hub-champion-6-help',
    version: '2026.11.1',
    title: {
      en: 'Hub Champion 6: Troubleshooting and getting help',
      es: 'Hub Champion 6: Resolver problemas y pedir ayuda'
    },
    languages: ['en', 'es'],
    kernels: ['python3'],
    minutes: 30,
    audience: 'hub-champion',
    prerequisites: ['hub-champion-5-data'],
    objectives: {
      en: [
        'Try the first fixes for the most common problems',
        'Write a support request that can be answered the first time',
        'Plan how your community asks for help and who answers'
      ],
      es: [
        'Probar los primeros arreglos para los problemas más comunes',
        'Escribir un pedido de soporte que pueda responderse la primera vez',
        'Planear cómo pide ayuda tu comunidad y quién responde'
      ]
    },
    source: 'hub-champion-6-help.md',
    steps: [
      {
        id: 'first-steps',
        title: {
          en: 'The first thing to try',
          es: 'Lo primero que hay que probar'
        },
        check: {
          type: 'quiz',
          question: {
            en: 'A learner writes: "my notebook froze, nothing runs". What do you suggest first?',
            es: 'Una persona escribe: "mi notebook se congeló, nada se ejecuta". ¿Qué le sugieres primero?'
          },
          options: [
            {
              id: 'restart-kernel',
              correct: true,
              text: {
                en: "Restart the notebook's kernel, then run the cells again from the top",
                es: 'Reiniciar el kernel del notebook y volver a ejecutar las celdas desde el principio'
              },
              feedback: {
                en: 'Yes. It is quick, keeps files, and fixes most frozen notebooks. If not, stop and start their server.',
                es: 'Sí. Es rápido, conserva los archivos y arregla la mayoría de los notebooks congelados. Si no, detén e inicia su servidor.'
              }
            },
            {
              id: 'ticket',
              text: {
                en: 'Open a support ticket with the hub provider right away',
                es: 'Abrir de inmediato un ticket de soporte con quien provee el hub'
              },
              feedback: {
                en: 'Not yet. Try the fixes in your hands first; escalate when they do not help.',
                es: 'Todavía no. Prueba primero los arreglos que tienes a mano; escala cuando no ayuden.'
              }
            },
            {
              id: 'delete-user',
              text: {
                en: 'Delete their user and create it again',
                es: 'Borrar su cuenta y crearla otra vez'
              },
              feedback: {
                en: 'No. That is drastic and never the first step.',
                es: 'No. Es drástico y nunca es el primer paso.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: 'Most problems have a small fix: restart the kernel, save and reload the page, or stop and\nstart the server. Try them in that order before anything else.',
          es: 'La mayoría de los problemas tienen un arreglo pequeño: reiniciar el kernel, guardar y\nrecargar la página, o detener e iniciar el servidor. Pruébalos en ese orden antes que nada.'
        }
      },
      {
        id: 'restart-kernel',
        title: { en: 'Restart a kernel', es: 'Reinicia un kernel' },
        hints: [
          {
            en: 'Open any notebook, then use the Kernel menu → Restart Kernel….',
            es: 'Abre cualquier notebook y usa el menú Kernel → Reiniciar kernel….'
          }
        ],
        showMe: [{ command: 'notebook:restart-kernel' }],
        check: {
          type: 'any',
          checks: [
            { type: 'command', command: 'notebook:restart-kernel' },
            { type: 'command', command: 'kernelmenu:restart' },
            { type: 'command', command: 'notebook:restart-clear-output' },
            { type: 'command', command: 'notebook:restart-run-all' }
          ]
        },
        text: {
          en: 'Practise the first fix so you can guide others through it: open a notebook and restart its\nkernel from the **Kernel** menu. The kernel forgets its variables; the notebook file stays.',
          es: 'Practica el primer arreglo para poder guiar a otras personas: abre un notebook y reinicia su\nkernel desde el menú **Kernel**. El kernel olvida sus variables; el archivo del notebook queda.'
        }
      },
      {
        id: 'good-support-request',
        title: {
          en: 'A support request that gets answered',
          es: 'Un pedido de soporte que recibe respuesta'
        },
        check: {
          type: 'quiz',
          question: {
            en: 'Which of these belongs in a support request to your hub provider?',
            es: '¿Cuál de estos datos va en un pedido de soporte a quien provee tu hub?'
          },
          options: [
            {
              id: 'details',
              correct: true,
              text: {
                en: "The hub's address, the user name, when it happened, what they did and the exact error",
                es: 'La dirección del hub, el nombre de usuario, cuándo pasó, qué hizo y el error exacto'
              },
              feedback: {
                en: 'Yes. With these, support can find the logs and reproduce the problem without asking back.',
                es: 'Sí. Con esto, soporte puede encontrar los registros y reproducir el problema sin volver a preguntar.'
              }
            },
            {
              id: 'password',
              text: {
                en: "The learner's password, so support can log in as them",
                es: 'La contraseña de la persona, para que soporte entre como ella'
              },
              feedback: {
                en: 'Never send passwords. Support does not need them.',
                es: 'Nunca envíes contraseñas. Soporte no las necesita.'
              }
            },
            {
              id: 'it-broke',
              text: {
                en: '"It does not work", to keep it short',
                es: '"No funciona", para que sea breve'
              },
              feedback: {
                en: 'Short, but support must ask everything back, and the answer comes days later.',
                es: 'Es breve, pero soporte tendrá que preguntar todo de nuevo, y la respuesta llegará días después.'
              }
            }
          ]
        },
        hints: [],
        showMe: [],
        text: {
          en: 'When a fix is beyond your hands, ask your hub provider. A good request names the **hub**,\nthe **user**, the **time**, **what was done** and the **exact message**, with a screenshot\nif it helps.',
          es: 'Cuando un arreglo está fuera de tu alcance, pídele ayuda a quien provee tu hub. Un buen pedido\nnombra el **hub**, la **persona usuaria**, la **hora**, **lo que se hizo** y el **mensaje\nexacto**, con una captura de pantalla si ayuda.'
        }
      },
      {
        id: 'support-plan',
        title: {
          en: "Plan your community's support",
          es: 'Planea el soporte de tu comunidad'
        },
        hints: [
          {
            en: 'Answer three questions: where do people ask, who answers first, when do you escalate?',
            es: 'Responde tres preguntas: ¿dónde preguntan las personas, quién responde primero, cuándo escalas?'
          }
        ],
        check: { type: 'self-report' },
        showMe: [],
        text: {
          en: 'Write a short support plan and share it with your community: the **channel** where people\nask (a chat group, an email list), **who answers first** (you and a second Hub Champion),\nand **when you escalate** to the hub provider. Learners can also press "I\'m stuck" in this\npanel: Hub Champions see it in their cohort view.',
          es: 'Escribe un plan de soporte breve y compártelo con tu comunidad: el **canal** donde las\npersonas preguntan (un grupo de chat, una lista de correo), **quién responde primero** (tú y\notra persona Hub Champion) y **cuándo escalas** a quien provee el hub. También se puede pulsar\n"Estoy atascado/a" en este panel: las personas Hub Champion lo ven en su vista de la cohorte.'
        }
      }
    ]
  }
];
